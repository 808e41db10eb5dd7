namespace ParIndex.Domain.Operations;

/// <summary>
/// A reminder e-mail sent to a user about one item on one day. Unique per (user, item, day), so the job sends
/// at most one mail per item per user per day even if it runs again or on two servers.
/// </summary>
public class ReminderSend
{
    private ReminderSend() { }

    public ReminderSend(string userId, string itemKey, DateOnly sentOn, DateTime atUtc)
    {
        if (string.IsNullOrWhiteSpace(userId)) throw new DomainException("Thiếu người nhận.");
        if (string.IsNullOrWhiteSpace(itemKey)) throw new DomainException("Thiếu nội dung nhắc việc.");
        UserId = userId;
        ItemKey = itemKey;
        SentOn = sentOn;
        AtUtc = atUtc;
    }

    public int Id { get; private set; }
    public string UserId { get; private set; } = "";
    /// <summary>"task:12", "report:4", "phase:2023:SelfAssessment".</summary>
    public string ItemKey { get; private set; } = "";
    public DateOnly SentOn { get; private set; }
    public DateTime AtUtc { get; private set; }
}
