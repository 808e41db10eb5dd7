using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace ParIndex.Web.Features.Account;

/// <summary>
/// What a form field written in plain markup shows, as the <c>asp-for</c> tag helpers would: the value the user posted
/// (the model's value when nothing was posted for it) and the first message of its errors.
/// <para>The sign-in form is the most visited page, by anonymous visitors: its tag helpers built a model expression for
/// every field on every view, 15% of the page's time under load (docs/performance.md, issue 17). Reading the model state
/// by the field's name is all the form needs.</para>
/// </summary>
public readonly record struct PostedField(string Value, string? Error)
{
    public bool Invalid => Error is not null;

    public static PostedField Of(ModelStateDictionary state, string name, string? modelValue)
    {
        if (!state.TryGetValue(name, out var entry)) return new(modelValue ?? "", null);
        // The raw value, as the tag helpers take it: the first one when the field was posted more than once.
        var value = entry.RawValue switch
        {
            string one => one,
            string[] many => many.Length > 0 ? many[0] : null,
            _ => null,
        } ?? modelValue ?? "";
        if (entry.Errors.Count == 0) return new(value, null);
        var error = entry.Errors.FirstOrDefault(e => !string.IsNullOrEmpty(e.ErrorMessage)) ?? entry.Errors[0];
        return new(value, error.ErrorMessage ?? "");
    }

    /// <summary>The form's own errors (not a field's), which the summary at the top of the form lists.</summary>
    public static IReadOnlyList<string> FormErrors(ModelStateDictionary state) =>
        state.TryGetValue(string.Empty, out var entry)
            ? entry.Errors.Select(e => e.ErrorMessage).Where(m => !string.IsNullOrEmpty(m)).ToList()
            : [];
}
