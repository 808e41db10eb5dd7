using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ParIndex.Domain.Audit;
using ParIndex.Domain.Operations;
using ParIndex.Domain.Units;

namespace ParIndex.Web.Data.Configurations;

public sealed class DossierConfiguration : IEntityTypeConfiguration<Dossier>
{
    public void Configure(EntityTypeBuilder<Dossier> b)
    {
        b.Property(d => d.Code).HasMaxLength(100).IsRequired();
        b.HasIndex(d => d.Code).IsUnique();
        b.Property(d => d.Procedure).HasMaxLength(1000);
        b.Property(d => d.Note).HasMaxLength(2000);
        b.HasIndex(d => new { d.UnitId, d.ReceivedOn });
        b.HasOne<Unit>().WithMany().HasForeignKey(d => d.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<DossierImport>().WithMany().HasForeignKey(d => d.ImportId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class DossierImportConfiguration : IEntityTypeConfiguration<DossierImport>
{
    public void Configure(EntityTypeBuilder<DossierImport> b)
    {
        b.Property(d => d.FileName).HasMaxLength(260);
        b.Property(d => d.By).HasMaxLength(256);
    }
}

public sealed class PeriodicReportConfiguration : IEntityTypeConfiguration<PeriodicReport>
{
    public void Configure(EntityTypeBuilder<PeriodicReport> b)
    {
        b.Property(r => r.Name).HasMaxLength(300);
        b.Property(r => r.Period).HasMaxLength(50);
        b.Property(r => r.DocumentNumber).HasMaxLength(100);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasIndex(r => r.Year);
        b.HasOne<Unit>().WithMany().HasForeignKey(r => r.LeadUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(a => a.UserId).HasMaxLength(450);
        b.Property(a => a.UserName).HasMaxLength(256);
        b.Property(a => a.EntityType).HasMaxLength(100);
        b.Property(a => a.EntityId).HasMaxLength(100);
        b.Property(a => a.Action).HasMaxLength(50);
        b.Property(a => a.Field).HasMaxLength(100);
        b.HasIndex(a => new { a.EntityType, a.EntityId });
        b.HasIndex(a => a.AtUtc);
    }
}
