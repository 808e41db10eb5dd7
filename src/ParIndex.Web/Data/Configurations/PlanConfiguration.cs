using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ParIndex.Domain.Frameworks;
using ParIndex.Domain.Plans;
using ParIndex.Domain.Units;

namespace ParIndex.Web.Data.Configurations;

public sealed class ImprovementPlanConfiguration : IEntityTypeConfiguration<ImprovementPlan>
{
    public void Configure(EntityTypeBuilder<ImprovementPlan> b)
    {
        // A year's plan has versions (ban hành thay thế): one row each, numbered from 1, and each issued version is replaced
        // at most once, which also keeps a year to one open replacement when two requests start it at once.
        b.HasIndex(p => new { p.TargetYear, p.Revision }).IsUnique();
        b.Property(p => p.Revision).HasDefaultValue(1);
        b.HasIndex(p => p.ReplacesPlanId).IsUnique();
        b.HasOne<ImprovementPlan>().WithMany().HasForeignKey(p => p.ReplacesPlanId).OnDelete(DeleteBehavior.Restrict);
        b.Property(p => p.ReplacementReason).HasMaxLength(2000);
        b.Property(p => p.Number).HasMaxLength(100);
        b.Property(p => p.Place).HasMaxLength(100);
        b.Property(p => p.Agency).HasMaxLength(300);
        b.Property(p => p.ParentAgency).HasMaxLength(300);
        b.Property(p => p.SignerTitle).HasMaxLength(200);
        b.Property(p => p.SignerName).HasMaxLength(200);
        b.Property(p => p.Recipients).HasMaxLength(4000);
        b.Property(p => p.Purpose).HasMaxLength(8000);
        b.Property(p => p.Requirements).HasMaxLength(8000);
        b.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.IssuedBy).HasMaxLength(256);
        b.Property(p => p.SubmittedBy).HasMaxLength(256);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasMany(p => p.Tasks).WithOne(t => t.Plan).HasForeignKey(t => t.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(p => p.Tasks).HasField("_tasks").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(p => p.IsIssued);
        b.Ignore(p => p.IsSuperseded);
        b.Ignore(p => p.IsOpenReplacement);
        b.Ignore(p => p.IsCurrent);
        b.Ignore(p => p.EvaluationEdited);
        b.Ignore(p => p.OrganisationEdited);
    }
}

public sealed class PlanTaskConfiguration : IEntityTypeConfiguration<PlanTask>
{
    public void Configure(EntityTypeBuilder<PlanTask> b)
    {
        b.Property(t => t.Content).HasMaxLength(4000).IsRequired();
        b.Property(t => t.ExpectedOutput).HasMaxLength(2000);
        b.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(t => t.Recurrence).HasConversion<string>().HasMaxLength(20);
        b.Property(t => t.CancelReason).HasMaxLength(2000);
        b.Property(t => t.Version).IsConcurrencyToken();
        b.HasIndex(t => new { t.PlanId, t.LeadUnitId });
        // A plan's tasks in plan order, a page at a time (the API pages through plans of thousands of tasks).
        b.HasIndex(t => new { t.PlanId, t.SortOrder, t.Id });
        b.HasOne<Unit>().WithMany().HasForeignKey(t => t.LeadUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(t => t.DueDates).WithOne().HasForeignKey(d => d.PlanTaskId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(t => t.Targets).WithOne().HasForeignKey(d => d.PlanTaskId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(t => t.Targets).HasField("_targets").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(t => t.Coordinators).WithOne().HasForeignKey(d => d.PlanTaskId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(t => t.Coordinators).HasField("_coordinators").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(t => t.Progress).WithOne().HasForeignKey(d => d.PlanTaskId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(t => t.IsClosed);
    }
}

public sealed class PlanTaskTargetConfiguration : IEntityTypeConfiguration<PlanTaskTarget>
{
    public void Configure(EntityTypeBuilder<PlanTaskTarget> b)
    {
        b.HasKey(t => new { t.PlanTaskId, t.SubCriterionId });
        b.HasOne<SubCriterion>().WithMany().HasForeignKey(t => t.SubCriterionId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class PlanTaskCoordinatorConfiguration : IEntityTypeConfiguration<PlanTaskCoordinator>
{
    public void Configure(EntityTypeBuilder<PlanTaskCoordinator> b)
    {
        b.HasKey(t => new { t.PlanTaskId, t.UnitId });
        b.HasOne<Unit>().WithMany().HasForeignKey(t => t.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class TaskProgressConfiguration : IEntityTypeConfiguration<TaskProgress>
{
    public void Configure(EntityTypeBuilder<TaskProgress> b)
    {
        b.Property(p => p.Note).HasMaxLength(4000);
        b.Property(p => p.EvidenceUrl).HasMaxLength(2000);
        b.Property(p => p.EvidenceFileName).HasMaxLength(260);
        b.Property(p => p.EvidenceStoredName).HasMaxLength(100);
        b.Property(p => p.AuthorId).HasMaxLength(450);
        b.Property(p => p.AuthorName).HasMaxLength(256);
        b.Property(p => p.StatusFrom).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.StatusTo).HasConversion<string>().HasMaxLength(20);
    }
}
