using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ParIndex.Domain.Accountability;
using ParIndex.Domain.Frameworks;
using ParIndex.Domain.Units;

namespace ParIndex.Web.Data.Configurations;

/// <summary>The Office's shares of a sub-criterion's lost points: one row per sub-criterion (so per year) and unit.</summary>
public sealed class LossShareConfiguration : IEntityTypeConfiguration<LossShare>
{
    public void Configure(EntityTypeBuilder<LossShare> b)
    {
        b.HasIndex(s => new { s.SubCriterionId, s.UnitId }).IsUnique();
        b.Property(s => s.Source).HasMaxLength(LossShare.SourceMaxLength);
        b.Property(s => s.Responsible).HasMaxLength(LossShare.ResponsibleMaxLength);
        b.Property(s => s.SetBy).HasMaxLength(256).IsRequired();
        b.HasOne<SubCriterion>().WithMany().HasForeignKey(s => s.SubCriterionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Unit>().WithMany().HasForeignKey(s => s.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
