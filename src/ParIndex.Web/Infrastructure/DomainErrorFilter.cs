using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ParIndex.Domain;

namespace ParIndex.Web.Infrastructure;

/// <summary>The form field a handler's <see cref="DomainException"/> belongs beside (default: the form as a whole).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class DomainErrorFieldAttribute(string field) : Attribute
{
    public string Field { get; } = field;
}

/// <summary>
/// The bound form a handler's <see cref="DomainException"/> names a field of: a refusal that names its
/// <see cref="DomainException.Field"/> goes beside "{Prefix}.{Field}", one that names none beside the
/// <see cref="DomainErrorFieldAttribute"/>'s field (else the form as a whole).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class DomainErrorFormAttribute(string prefix) : Attribute
{
    public string Prefix { get; } = prefix;
}

/// <summary>
/// A page that must read its data again before it can show a refused form (lists, choices): the filter calls it after
/// adding the model error, instead of rendering the page as the handler left it.
/// </summary>
public interface IReloadOnDomainError
{
    Task ReloadAsync(CancellationToken ct);
}

/// <summary>
/// One place where a rule of the domain refusing a change becomes what the user reads: a <see cref="DomainException"/>
/// escaping a page handler is added to the model state (beside <see cref="DomainErrorFieldAttribute"/>'s field) and
/// the page is rendered again with the values typed, answering 200 like any other refused form. Nothing was saved:
/// the exception left the handler before its SaveChanges.
/// </summary>
public sealed class DomainErrorFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.ExceptionHandled || executed.Exception is not DomainException refused) return;
        var method = executed.HandlerMethod?.MethodInfo;
        var field = refused.Field is { } named && method?.GetCustomAttribute<DomainErrorFormAttribute>() is { } form
            ? $"{form.Prefix}.{named}"
            : method?.GetCustomAttribute<DomainErrorFieldAttribute>()?.Field ?? string.Empty;
        executed.ModelState.AddModelError(field, refused.Message);
        if (executed.HandlerInstance is IReloadOnDomainError page) await page.ReloadAsync(context.HttpContext.RequestAborted);
        executed.Result = new PageResult();
        executed.ExceptionHandled = true;
    }
}
