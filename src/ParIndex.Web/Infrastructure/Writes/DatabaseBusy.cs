using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace ParIndex.Web.Infrastructure.Writes;

/// <summary>A save that could not get the database within <see cref="WriteOptions.WriteTimeoutSeconds"/>; nothing was written.</summary>
public sealed class DatabaseBusyException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>What the user is told (the status page for 503).</summary>
    public const string UserMessage =
        "Hệ thống đang bận ghi dữ liệu khác nên thay đổi của bạn chưa được lưu. Vui lòng thử lại sau ít phút.";
}

/// <summary>
/// Turns a <see cref="DatabaseBusyException"/> from any page into 503 with Retry-After; the status page then shows
/// <see cref="DatabaseBusyException.UserMessage"/>. The error itself was logged where the save was refused.
/// </summary>
public sealed class DatabaseBusyFilter : IExceptionFilter
{
    public void OnException(ExceptionContext context)
    {
        if (context.Exception is not DatabaseBusyException) return;
        context.HttpContext.Response.Headers.RetryAfter = "30";
        context.Result = new StatusCodeResult(StatusCodes.Status503ServiceUnavailable);
        context.ExceptionHandled = true;
    }
}
