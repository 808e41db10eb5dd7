using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ParIndex.Domain.Frameworks;
using ParIndex.Domain.Operations;
using ParIndex.Domain.Projection;
using ParIndex.Web.Identity;

namespace ParIndex.Web.Data.Configurations;

/// <summary>Which operational figure feeds which sub-criterion (one row per sub-criterion, so per framework year).</summary>
public sealed class FactSourceLinkConfiguration : IEntityTypeConfiguration<FactSourceLink>
{
    public void Configure(EntityTypeBuilder<FactSourceLink> b)
    {
        b.HasIndex(l => l.SubCriterionId).IsUnique();
        b.Property(l => l.Source).HasConversion<string>().HasMaxLength(40);
        b.HasOne<SubCriterion>().WithMany().HasForeignKey(l => l.SubCriterionId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Reminder e-mails sent: at most one per user, item and day (the unique index enforces it).</summary>
public sealed class ReminderSendConfiguration : IEntityTypeConfiguration<ReminderSend>
{
    public void Configure(EntityTypeBuilder<ReminderSend> b)
    {
        b.Property(r => r.UserId).HasMaxLength(450).IsRequired();
        b.Property(r => r.ItemKey).HasMaxLength(100).IsRequired();
        b.HasIndex(r => new { r.UserId, r.ItemKey, r.SentOn }).IsUnique();
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
