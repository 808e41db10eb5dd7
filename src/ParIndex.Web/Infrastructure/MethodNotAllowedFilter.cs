using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace ParIndex.Web.Infrastructure;

/// <summary>
/// A page answers the methods it has handlers for. Razor Pages would otherwise render a page for OPTIONS, TRACE, PUT…
/// with no handler run, so its model was never loaded (Task.cshtml threw a NullReferenceException): such a request
/// answers 405 with the methods pages accept, and a POST that names no handler of the page answers 400.
/// </summary>
public sealed class MethodNotAllowedFilter : IAsyncPageFilter
{
    public const string Allowed = "GET, HEAD, POST";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var method = context.HttpContext.Request.Method;
        if (context.HandlerMethod is null && HttpMethods.IsPost(method))
        {
            // A POST naming no handler of this page (?handler=abc, or a page without a default OnPost).
            context.Result = new ContentResult
            {
                StatusCode = StatusCodes.Status400BadRequest,
                ContentType = "text/plain; charset=utf-8",
                Content = "Thao tác không hợp lệ: trang này không có thao tác được yêu cầu.",
            };
            return Task.CompletedTask;
        }
        if (context.HandlerMethod is null && !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method)))
        {
            context.HttpContext.Response.Headers.Allow = Allowed;
            context.Result = new ContentResult
            {
                StatusCode = StatusCodes.Status405MethodNotAllowed,
                ContentType = "text/plain; charset=utf-8",
                Content = $"Phương thức {method} không được hỗ trợ cho trang này (chỉ {Allowed}).",
            };
            return Task.CompletedTask;
        }
        return next();
    }
}
