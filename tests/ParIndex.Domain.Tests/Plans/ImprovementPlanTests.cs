using ParIndex.Domain;
using ParIndex.Domain.Plans;

namespace ParIndex.Domain.Tests.Plans;

public class ImprovementPlanTests
{
    private static readonly DateTime Now = new(2023, 3, 15, 1, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Regenerating_follows_the_new_draft_where_the_text_was_not_edited()
    {
        var plan = new ImprovementPlan(2023, 2022);
        plan.ApplyDraft("Bản 1", "Tổ chức 1", overwrite: false);
        plan.ApplyDraft("Bản 2", "Tổ chức 2", overwrite: false);
        Assert.Equal("Bản 2", plan.Evaluation);
        Assert.Equal("Tổ chức 2", plan.Organisation);
        Assert.False(plan.EvaluationEdited);
    }

    [Fact]
    public void Regenerating_keeps_edited_text_unless_asked_to_overwrite()
    {
        var plan = new ImprovementPlan(2023, 2022);
        plan.ApplyDraft("Bản 1", "Tổ chức 1", overwrite: false);
        plan.SetSections("Văn phòng đã sửa", "Mục đích", "Yêu cầu", "Tổ chức 1", 1, 85m);
        Assert.True(plan.EvaluationEdited);

        plan.ApplyDraft("Bản 2", "Tổ chức 2", overwrite: false);
        Assert.Equal("Văn phòng đã sửa", plan.Evaluation);
        Assert.Equal("Tổ chức 2", plan.Organisation);
        Assert.Equal("Bản 2", plan.EvaluationDraft);

        plan.ApplyDraft("Bản 3", "Tổ chức 3", overwrite: true);
        Assert.Equal("Bản 3", plan.Evaluation);
        Assert.False(plan.EvaluationEdited);
    }

    private static readonly DateOnly Today = new(2023, 3, 15);

    [Fact]
    public void Submitting_needs_an_evaluation_and_tasks_and_issuing_needs_the_submission_a_number_and_a_date_not_after_today()
    {
        var plan = new ImprovementPlan(2023, 2022);
        Assert.Throws<DomainException>(() => plan.Submit("Văn phòng", Now));
        plan.ApplyDraft("Đánh giá", "Tổ chức", overwrite: true);
        Assert.Throws<DomainException>(() => plan.Submit("Văn phòng", Now));
        plan.AddTask(new PlanTask("Nhiệm vụ", 1, null, null));
        var draft = Assert.Throws<DomainException>(() => plan.Issue("45/KH-STNMT", Today, "A", Now, Today));
        Assert.Equal("Kế hoạch phải được trình ký trước khi ban hành.", draft.Message);

        plan.Submit("Văn phòng", Now);
        Assert.Equal(PlanStatus.Submitted, plan.Status);
        Assert.Equal("Văn phòng", plan.SubmittedBy);
        Assert.Contains("đang trình ký", Assert.Throws<DomainException>(() => plan.SetSections("x", "y", "z", "w", 1, null)).Message);
        Assert.Equal("Vui lòng nhập số văn bản.", Assert.Throws<DomainException>(() => plan.Issue("  ", Today, "A", Now, Today)).Message);
        Assert.Equal("Ngày ban hành không được sau ngày hôm nay.",
            Assert.Throws<DomainException>(() => plan.Issue("45/KH-STNMT", Today.AddDays(1), "A", Now, Today)).Message);
        Assert.Equal(PlanStatus.Submitted, plan.Status);
        Assert.Null(plan.Number);

        plan.Issue("45/KH-STNMT", Today, "Nguyễn Văn Hiệp", Now, Today);

        Assert.True(plan.IsIssued);
        Assert.Equal("45/KH-STNMT", plan.Number);
        Assert.Equal(Today, plan.PlanDate);
        Assert.Throws<DomainException>(() => plan.SetHeader("1/KH", "Đắk Nông", null, "A", "B", "C", "D", "E"));
        Assert.Throws<DomainException>(() => plan.SetSections("x", "y", "z", "w", 1, null));
        Assert.Throws<DomainException>(() => plan.ApplyDraft("x", "y", overwrite: true));
        Assert.Throws<DomainException>(() => plan.Issue("46/KH-STNMT", Today, "A", Now, Today));
        Assert.Throws<DomainException>(() => plan.ReturnToDraft());
        Assert.Equal("45/KH-STNMT", plan.Number);
    }

    [Fact]
    public void A_submitted_plan_returns_to_the_office_as_a_draft()
    {
        var plan = new ImprovementPlan(2023, 2022);
        plan.ApplyDraft("Đánh giá", "Tổ chức", overwrite: true);
        plan.AddTask(new PlanTask("Nhiệm vụ", 1, null, null));
        Assert.Throws<DomainException>(() => plan.ReturnToDraft());
        plan.Submit("Văn phòng", Now);
        plan.ReturnToDraft();
        Assert.Equal(PlanStatus.Draft, plan.Status);
        Assert.Null(plan.SubmittedAt);
        plan.SetSections("Sửa lại", "y", "z", "w", 1, null);
        Assert.Equal("Sửa lại", plan.Evaluation);
    }

    [Fact]
    public void Tasks_are_numbered_in_the_order_they_are_added()
    {
        var plan = new ImprovementPlan(2023, 2022);
        plan.AddTask(new PlanTask("Một", 1, null, null));
        plan.AddTask(new PlanTask("Hai", 1, null, null));
        Assert.Equal([1, 2], plan.Tasks.Select(t => t.SortOrder));
    }

    [Fact]
    public void Negative_targets_are_refused()
    {
        var plan = new ImprovementPlan(2023, 2022);
        Assert.Throws<DomainException>(() => plan.SetSections("x", "", "", "", -1, null));
        Assert.Throws<DomainException>(() => plan.SetSections("x", "", "", "", 1, -5m));
        Assert.Throws<DomainException>(() => new ImprovementPlan(2022, 2022));
    }
}
