using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ParIndex.Domain.Frameworks;
using ParIndex.Domain.Units;

namespace ParIndex.Web.Data.Configurations;

public sealed class FrameworkConfiguration : IEntityTypeConfiguration<Framework>
{
    public void Configure(EntityTypeBuilder<Framework> b)
    {
        b.HasIndex(f => f.Year).IsUnique();
        b.Property(f => f.Name).HasMaxLength(500);
        b.HasMany(f => f.Areas).WithOne().HasForeignKey(a => a.FrameworkId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(f => f.MaxPoints);
        b.Ignore(f => f.Parts);
        // Existing years read as percentage bands (the default), whatever the provider.
        b.Property(f => f.BandBasis).HasConversion<string>().HasMaxLength(10).HasDefaultValue(ParIndex.Domain.Assessments.BandBasis.Percent);
        b.Property(f => f.PartsVersion).IsConcurrencyToken();
        b.Property(f => f.NotApplicableRule).HasConversion<string>().HasMaxLength(20)
            .HasDefaultValue(ParIndex.Domain.Assessments.NotApplicableRule.RescaleToFullMax);
        b.HasMany(f => f.Surveys).WithOne().HasForeignKey(g => g.FrameworkId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(f => f.Adjustments).WithOne().HasForeignKey(a => a.FrameworkId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class SurveyGroupConfiguration : IEntityTypeConfiguration<SurveyGroup>
{
    public void Configure(EntityTypeBuilder<SurveyGroup> b)
    {
        b.Property(g => g.Name).HasMaxLength(SurveyGroup.MaxName);
        b.Property(g => g.Source).HasMaxLength(SurveyGroup.MaxSource);
        b.Property(g => g.Version).IsConcurrencyToken();
        b.Ignore(g => g.Part);
    }
}

public sealed class IndexAdjustmentConfiguration : IEntityTypeConfiguration<IndexAdjustment>
{
    public void Configure(EntityTypeBuilder<IndexAdjustment> b)
    {
        b.Property(a => a.Kind).HasConversion<string>().HasMaxLength(10);
        b.Property(a => a.Reason).HasMaxLength(IndexAdjustment.MaxReason);
        b.Property(a => a.Evidence).HasMaxLength(IndexAdjustment.MaxEvidence);
        b.Property(a => a.Version).IsConcurrencyToken();
    }
}

public sealed class AreaConfiguration : IEntityTypeConfiguration<Area>
{
    public void Configure(EntityTypeBuilder<Area> b)
    {
        b.Property(a => a.Code).HasMaxLength(20);
        b.Property(a => a.Name).HasMaxLength(500);
        b.HasIndex(a => new { a.FrameworkId, a.Code }).IsUnique();
        b.HasMany(a => a.Criteria).WithOne().HasForeignKey(c => c.AreaId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(a => a.MaxPoints);
    }
}

public sealed class CriterionConfiguration : IEntityTypeConfiguration<Criterion>
{
    public void Configure(EntityTypeBuilder<Criterion> b)
    {
        b.Property(c => c.Code).HasMaxLength(20);
        b.Property(c => c.Name).HasMaxLength(500);
        b.HasIndex(c => new { c.AreaId, c.Code }).IsUnique();
        b.HasMany(c => c.SubCriteria).WithOne().HasForeignKey(s => s.CriterionId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(c => c.MaxPoints);
    }
}

public sealed class SubCriterionConfiguration : IEntityTypeConfiguration<SubCriterion>
{
    public void Configure(EntityTypeBuilder<SubCriterion> b)
    {
        b.Property(s => s.Code).HasMaxLength(20);
        b.Property(s => s.Name).HasMaxLength(500);
        b.Property(s => s.Guidance).HasMaxLength(4000);
        b.Property(s => s.RuleKind).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.RuleParameters).HasMaxLength(4000);
        b.Property(s => s.NotApplicableReason).HasMaxLength(SubCriterion.MaxNotApplicableReason);
        b.HasIndex(s => new { s.CriterionId, s.Code }).IsUnique();
        b.HasOne<Unit>().WithMany().HasForeignKey(s => s.LeadUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(s => s.Coordinators).WithOne().HasForeignKey(c => c.SubCriterionId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class SubCriterionCoordinatorConfiguration : IEntityTypeConfiguration<SubCriterionCoordinator>
{
    public void Configure(EntityTypeBuilder<SubCriterionCoordinator> b)
    {
        b.HasKey(c => new { c.SubCriterionId, c.UnitId });
        b.HasOne<Unit>().WithMany().HasForeignKey(c => c.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
