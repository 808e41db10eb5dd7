using Microsoft.AspNetCore.Mvc.RazorPages;
using ParIndex.Web.Features.Reminders;
using ParIndex.Web.Identity;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Features.Reminders;

/// <summary>The signed-in user's own reminders.</summary>
public sealed class IndexModel(ReminderService reminders, CurrentUser me, Clock clock) : PageModel
{
    public IReadOnlyList<ReminderItem> Items { get; private set; } = [];
    public DateOnly Today => clock.Today;

    public async Task OnGetAsync(CancellationToken ct) =>
        Items = await reminders.ForAsync(new ReminderAudience(me.UnitId, me.IsEditor), clock.Today, ct);
}
