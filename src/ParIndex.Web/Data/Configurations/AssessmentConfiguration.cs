using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ParIndex.Domain.Assessments;
using ParIndex.Domain.Frameworks;

namespace ParIndex.Web.Data.Configurations;

public sealed class AssessmentConfiguration : IEntityTypeConfiguration<Assessment>
{
    public void Configure(EntityTypeBuilder<Assessment> b)
    {
        b.HasIndex(a => a.Year).IsUnique();
        b.HasOne<Framework>().WithMany().HasForeignKey(a => a.FrameworkId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(a => a.Phases).WithOne().HasForeignKey(p => p.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.PhaseChanges).WithOne().HasForeignKey(p => p.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        // Read-only collections over private lists: EF reads and writes the fields.
        b.Navigation(a => a.Phases).HasField("_phases").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(a => a.PhaseChanges).HasField("_phaseChanges").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

public sealed class AssessmentPhaseConfiguration : IEntityTypeConfiguration<AssessmentPhase>
{
    public void Configure(EntityTypeBuilder<AssessmentPhase> b)
    {
        b.HasIndex(p => new { p.AssessmentId, p.Kind }).IsUnique();
        b.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.Version).IsConcurrencyToken();
    }
}

public sealed class PhaseChangeConfiguration : IEntityTypeConfiguration<PhaseChange>
{
    public void Configure(EntityTypeBuilder<PhaseChange> b)
    {
        b.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.Action).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.Reason).HasMaxLength(2000);
        b.Property(p => p.By).HasMaxLength(256);
        b.Property(p => p.Unlocks).HasMaxLength(500);
    }
}

public sealed class SubCriterionScoreConfiguration : IEntityTypeConfiguration<SubCriterionScore>
{
    public void Configure(EntityTypeBuilder<SubCriterionScore> b)
    {
        b.HasIndex(s => new { s.AssessmentId, s.SubCriterionId }).IsUnique();
        b.HasOne<Assessment>().WithMany().HasForeignKey(s => s.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<SubCriterion>().WithMany().HasForeignKey(s => s.SubCriterionId).OnDelete(DeleteBehavior.Restrict);
        b.Property(s => s.SelfNote).HasMaxLength(4000);
        b.Property(s => s.LostReason).HasMaxLength(4000);
        b.Property(s => s.FactsJson).HasMaxLength(2000);
        b.Property(s => s.Round1Note).HasMaxLength(4000);
        b.Property(s => s.Explanation).HasMaxLength(8000);
        b.Property(s => s.Round2Note).HasMaxLength(4000);
        b.Property(s => s.SelfOffScaleReason).HasMaxLength(2000);
        b.Property(s => s.Round1OffScaleReason).HasMaxLength(2000);
        b.Property(s => s.Round2OffScaleReason).HasMaxLength(2000);
        b.Property(s => s.ExplanationChange).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.ExplanationChangeReason).HasMaxLength(2000);
        b.Property(s => s.RuleMismatchKeptReason).HasMaxLength(2000);
        b.Property(s => s.UpdatedBy).HasMaxLength(256);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.HasMany(s => s.Evidence).WithOne().HasForeignKey(e => e.SubCriterionScoreId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(s => s.Evidence).HasField("_evidence").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(s => s.AppraisedScore);
        b.Ignore(s => s.FinalScore);
        b.Ignore(s => s.ExplanationOwed);
    }
}

public sealed class EvidenceConfiguration : IEntityTypeConfiguration<Evidence>
{
    public void Configure(EntityTypeBuilder<Evidence> b)
    {
        b.Property(e => e.Round).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.Title).HasMaxLength(500);
        b.Property(e => e.Url).HasMaxLength(2000);
        b.Property(e => e.FileName).HasMaxLength(260);
        b.Property(e => e.StoredName).HasMaxLength(100);
        b.Property(e => e.ContentType).HasMaxLength(100);
        b.Property(e => e.UploadedBy).HasMaxLength(256);
        b.Ignore(e => e.IsFile);
    }
}

public sealed class PublishedResultConfiguration : IEntityTypeConfiguration<PublishedResult>
{
    public void Configure(EntityTypeBuilder<PublishedResult> b)
    {
        b.HasIndex(p => p.Year).IsUnique();
        b.Property(p => p.Classification).HasMaxLength(50);
        b.Property(p => p.Source).HasMaxLength(1000);
        b.HasMany(p => p.Areas).WithOne().HasForeignKey(a => a.PublishedResultId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class PublishedAreaResultConfiguration : IEntityTypeConfiguration<PublishedAreaResult>
{
    public void Configure(EntityTypeBuilder<PublishedAreaResult> b)
    {
        b.Property(a => a.AreaCode).HasMaxLength(20);
        b.Property(a => a.Percent).HasPrecision(7, 2);
    }
}
