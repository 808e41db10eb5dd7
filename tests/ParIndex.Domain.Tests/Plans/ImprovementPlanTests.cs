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

    [Fact]
    public void Issuing_needs_an_evaluation_and_tasks_and_freezes_the_text()
    {
        var plan = new ImprovementPlan(2023, 2022);
        Assert.Throws<DomainException>(() => plan.Issue("A", Now));
        plan.ApplyDraft("Đánh giá", "Tổ chức", overwrite: true);
        Assert.Throws<DomainException>(() => plan.Issue("A", Now));
        plan.AddTask(new PlanTask("Nhiệm vụ", 1, null, null));

        plan.Issue("Nguyễn Văn Hiệp", Now);

        Assert.True(plan.IsIssued);
        Assert.Equal(new DateOnly(2023, 3, 15), plan.PlanDate);
        Assert.Throws<DomainException>(() => plan.SetHeader("1/KH", "Đắk Nông", null, "A", "B", "C", "D", "E"));
        Assert.Throws<DomainException>(() => plan.SetSections("x", "y", "z", "w", 1, null));
        Assert.Throws<DomainException>(() => plan.ApplyDraft("x", "y", overwrite: true));
        Assert.Throws<DomainException>(() => plan.Issue("A", Now));
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
