using System.Globalization;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace ParIndex.Web.Features.Plans;

/// <summary>
/// Every &lt;input type="date"&gt; of every page becomes a text input showing and taking dd/MM/yyyy: a date picker shows
/// the browser's language (mm/dd/yyyy in an English Chromium), and Vietnamese users write dd/MM/yyyy.
/// Runs after the framework's input tag helper, so asp-for fields (and their typed values after an error) are covered.
/// </summary>
[HtmlTargetElement("input", Attributes = "[type=date]")]
public sealed class DateInputTagHelper : TagHelper
{
    public override int Order => 100;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.Attributes.SetAttribute("type", "text");
        output.Attributes.SetAttribute("inputmode", "numeric");
        output.Attributes.SetAttribute("pattern", DateInput.Pattern);
        if (!output.Attributes.ContainsName("placeholder")) output.Attributes.SetAttribute("placeholder", DateInput.Placeholder);
        output.Attributes.SetAttribute("autocomplete", "off");
        output.Attributes.SetAttribute("data-date-input", "dd/MM/yyyy");
        if (!output.Attributes.ContainsName("title")) output.Attributes.SetAttribute("title", "Ngày theo dạng dd/MM/yyyy");
        if (output.Attributes.TryGetAttribute("value", out var value))
        {
            var text = value.Value switch
            {
                Microsoft.AspNetCore.Html.IHtmlContent html => Render(html),
                var v => v?.ToString(),
            };
            // An ISO date rendered for a date picker is shown the Vietnamese way; a typed value kept after an error stays as typed.
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                output.Attributes.SetAttribute("value", DateInput.Text(d));
        }
    }

    private static string Render(Microsoft.AspNetCore.Html.IHtmlContent html)
    {
        using var writer = new StringWriter();
        html.WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        return writer.ToString();
    }
}
