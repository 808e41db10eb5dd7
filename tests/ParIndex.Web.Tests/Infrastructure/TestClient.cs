using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using ParIndex.Web.Data.Seed;

namespace ParIndex.Web.Tests.Infrastructure;

/// <summary>
/// An HTTP client that behaves like a browser user: signs in through the real form, reads pages as HTML,
/// and posts forms with the antiforgery token and the values the page rendered.
/// </summary>
public sealed class TestClient(HttpClient http, ParIndexFactory factory) : IDisposable
{
    public HttpClient Http => http;
    public ParIndexFactory Factory => factory;

    public static string Password => DemoAccounts.DefaultPassword;

    public async Task<TestClient> SignInAsync(string email, string? password = null)
    {
        var response = await SubmitAsync("/Account/Login", "form", new() { ["Input.Email"] = email, ["Input.Password"] = password ?? Password });
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in as {email} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return this;
    }

    public async Task<IDocument> GetDocumentAsync(string url)
    {
        var response = await http.GetAsync(url);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode} {response.Headers.Location}");
        return await ParseAsync(response);
    }

    public static async Task<IDocument> ParseAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var context = BrowsingContext.New(Configuration.Default);
        return await context.OpenAsync(req => req.Content(html).Address(response.RequestMessage?.RequestUri?.ToString() ?? "http://localhost/"));
    }

    /// <summary>
    /// GETs <paramref name="pageUrl"/>, finds the form, fills in <paramref name="fields"/> over the values the
    /// page rendered (hidden fields and the antiforgery token included), and posts it to the form's action.
    /// </summary>
    public async Task<HttpResponseMessage> SubmitAsync(string pageUrl, string formSelector, Dictionary<string, string> fields,
        string? submitName = null)
    {
        var page = await GetDocumentAsync(pageUrl);
        var form = page.QuerySelector<IHtmlFormElement>(formSelector)
            ?? throw new InvalidOperationException($"No form '{formSelector}' on {pageUrl}");
        return await PostFormAsync(form, fields, pageUrl, submitName);
    }

    public async Task<HttpResponseMessage> PostFormAsync(IHtmlFormElement form, Dictionary<string, string> fields, string pageUrl,
        string? submitName = null)
    {
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || fields.ContainsKey(name)) continue;
            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio" } input:
                    if (input.IsChecked) values.Add(new(name, input.Value));
                    break;
                case IHtmlInputElement { Type: "submit" or "button" or "file" }:
                    break;
                case IHtmlInputElement input:
                    values.Add(new(name, input.Value));
                    break;
                case IHtmlTextAreaElement area:
                    values.Add(new(name, area.Value));
                    break;
                case IHtmlSelectElement select:
                    foreach (var option in select.Options.Where(o => o.IsSelected)) values.Add(new(name, option.Value));
                    break;
            }
        }
        values.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
        var action = form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? pageUrl : action;
        if (submitName is not null)
        {
            var button = form.QuerySelector($"button[name='{submitName}'], input[type=submit][name='{submitName}']");
            var formAction = button?.GetAttribute("formaction");
            if (!string.IsNullOrEmpty(formAction)) target = formAction;
        }
        return await http.PostAsync(target, new FormUrlEncodedContent(values));
    }

    /// <summary>Reads the antiforgery token a page rendered, for posts built by hand.</summary>
    public async Task<string> AntiforgeryTokenAsync(string pageUrl)
    {
        var page = await GetDocumentAsync(pageUrl);
        return page.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")?.Value
            ?? throw new InvalidOperationException($"No antiforgery token on {pageUrl}");
    }

    public void Dispose() => http.Dispose();
}
