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
        b.Property(d => d.Version).IsConcurrencyToken();
        b.Ignore(d => d.Values);
    }
}

/// <summary>What an import did to each dossier (created or changed, with the values before), so the import can be undone.</summary>
public sealed class DossierImportChangeConfiguration : IEntityTypeConfiguration<DossierImportChange>
{
    public void Configure(EntityTypeBuilder<DossierImportChange> b)
    {
        b.Property(c => c.PreviousProcedure).HasMaxLength(1000);
        b.Property(c => c.PreviousNote).HasMaxLength(2000);
        b.HasIndex(c => c.ImportId);
        b.HasOne<DossierImport>().WithMany().HasForeignKey(c => c.ImportId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(c => c.Dossier).WithMany().HasForeignKey(c => c.DossierId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(c => c.Created);
        b.Ignore(c => c.Previous);
    }
}

/// <summary>The year's total dossiers received (one row per year), from which the on-time rate is computed.</summary>
public sealed class DossierYearTotalConfiguration : IEntityTypeConfiguration<DossierYearTotal>
{
    public void Configure(EntityTypeBuilder<DossierYearTotal> b)
    {
        b.HasIndex(t => t.Year).IsUnique();
        b.Property(t => t.Source).HasMaxLength(DossierYearTotal.MaxSource).IsRequired();
        b.Property(t => t.By).HasMaxLength(256);
        b.Property(t => t.Version).IsConcurrencyToken();
    }
}

public sealed class DossierImportConfiguration : IEntityTypeConfiguration<DossierImport>
{
    public void Configure(EntityTypeBuilder<DossierImport> b)
    {
        b.Property(d => d.FileName).HasMaxLength(260);
        b.Property(d => d.By).HasMaxLength(256);
        b.Property(d => d.UndoneBy).HasMaxLength(256);
        b.Ignore(d => d.IsUndone);
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

/// <summary>A day of the working calendar: one row per date (a day off, or a weekend day worked in exchange).</summary>
public sealed class CalendarDayConfiguration : IEntityTypeConfiguration<CalendarDay>
{
    public void Configure(EntityTypeBuilder<CalendarDay> b)
    {
        b.HasIndex(d => d.Date).IsUnique();
        b.Property(d => d.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(d => d.Name).HasMaxLength(CalendarDay.MaxName).IsRequired();
        b.Property(d => d.Version).IsConcurrencyToken();
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
