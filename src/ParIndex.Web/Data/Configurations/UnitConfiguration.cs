using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ParIndex.Domain.Units;

namespace ParIndex.Web.Data.Configurations;

public sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> b)
    {
        b.Property(u => u.Code).HasMaxLength(20).IsRequired();
        b.HasIndex(u => u.Code).IsUnique();
        b.Property(u => u.Name).HasMaxLength(300).IsRequired();
        b.HasMany(u => u.NameHistory).WithOne().HasForeignKey(h => h.UnitId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(u => u.NameHistory).HasField("_nameHistory").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(u => u.IsActive);
    }
}

public sealed class UnitNameChangeConfiguration : IEntityTypeConfiguration<UnitNameChange>
{
    public void Configure(EntityTypeBuilder<UnitNameChange> b) => b.Property(h => h.PreviousName).HasMaxLength(300);
}
