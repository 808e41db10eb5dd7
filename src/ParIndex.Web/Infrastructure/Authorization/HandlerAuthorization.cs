using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;

namespace ParIndex.Web.Infrastructure.Authorization;

/// <summary>
/// The policy one page handler requires beyond its page's (Razor Pages take <c>[Authorize]</c> on a page, not on a
/// handler method). Enforced by <see cref="HandlerAuthorizationFilter"/> before the antiforgery check and model
/// binding, so a role that may not act is answered 403 and the handler never runs; read by the authorization matrix
/// test, which lists the rule of every handler.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class HandlerPolicyAttribute(string policy) : Attribute
{
    public string Policy { get; } = policy;
}

/// <summary>
/// Declares that a handler decides per record (which unit's task) with a resource-based check through
/// <see cref="IAuthorizationService"/> and the named requirement, so the rule is visible beside the handler and to the
/// authorization matrix. The page must make that check (it is given the record, which only the handler loads).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RecordRuleAttribute(Type requirement, string name) : Attribute
{
    public Type Requirement { get; } = requirement;
    public string Name { get; } = name;

    /// <summary>The requirement instance: a public static field or property of <see cref="Requirement"/>.</summary>
    public IAuthorizationRequirement Instance =>
        (IAuthorizationRequirement?)(Requirement.GetField(Name, BindingFlags.Public | BindingFlags.Static)?.GetValue(null)
            ?? Requirement.GetProperty(Name, BindingFlags.Public | BindingFlags.Static)?.GetValue(null))
        ?? throw new InvalidOperationException($"{Requirement.Name}.{Name} is not a public static requirement.");

    public override string ToString() => $"{Requirement.Name}.{Name}";
}

/// <summary>
/// Applies <see cref="HandlerPolicyAttribute"/>: finds the handler Razor Pages will run (same HTTP method and handler
/// name as <c>DefaultPageHandlerMethodSelector</c>) and authorizes its policy; refused: 401/sign-in for anonymous
/// users, 403 for signed-in ones (the same answers as the page-level policies).
/// </summary>
public sealed class HandlerAuthorizationFilter(IAuthorizationService authorization) : IAsyncAuthorizationFilter, IOrderedFilter
{
    /// <summary>Before the antiforgery filter (order 1000): who may not act is refused whatever the form carried.</summary>
    public int Order => 0;

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        if (Handler(context.ActionDescriptor, context.HttpContext.Request.Method, HandlerName(context)) is not { } handler
            || handler.MethodInfo.GetCustomAttribute<HandlerPolicyAttribute>() is not { } rule)
            return;
        var user = context.HttpContext.User;
        if ((await authorization.AuthorizeAsync(user, rule.Policy)).Succeeded) return;
        context.Result = user.Identity?.IsAuthenticated == true ? new ForbidResult() : new ChallengeResult();
    }

    /// <summary>The handler method a request selects, or null (no handler: the page renders or answers by itself).</summary>
    public static HandlerMethodDescriptor? Handler(ActionDescriptor action, string method, string? name)
    {
        if (action is not CompiledPageActionDescriptor page) return null;
        var verb = HttpMethods.IsHead(method) ? HttpMethods.Get : method;
        return page.HandlerMethods.FirstOrDefault(h => string.Equals(h.HttpMethod, verb, StringComparison.OrdinalIgnoreCase)
            && string.Equals(h.Name, string.IsNullOrEmpty(name) ? null : name, StringComparison.OrdinalIgnoreCase));
    }

    private static string? HandlerName(AuthorizationFilterContext context)
    {
        var name = Convert.ToString(context.RouteData.Values["handler"], CultureInfo.InvariantCulture);
        if (!string.IsNullOrEmpty(name)) return name;
        return context.HttpContext.Request.Query.TryGetValue("handler", out var values) ? values[0] : null;
    }
}
