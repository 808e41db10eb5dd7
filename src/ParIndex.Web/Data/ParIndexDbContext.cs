using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Assessments;
using ParIndex.Domain.Audit;
using ParIndex.Domain.Frameworks;
using ParIndex.Domain.Operations;
using ParIndex.Domain.Plans;
using ParIndex.Domain.Units;
using ParIndex.Web.Identity;

namespace ParIndex.Web.Data;

/// <summary>
/// The application's database. Each provider has a subclass of its own so that each keeps its own
/// migrations (<see cref="SqliteParIndexDbContext"/>, <see cref="SqlServerParIndexDbContext"/>).
/// </summary>
public abstract class ParIndexDbContext(DbContextOptions options)
    : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<Framework> Frameworks => Set<Framework>();
    public DbSet<SurveyGroup> SurveyGroups => Set<SurveyGroup>();
    public DbSet<IndexAdjustment> IndexAdjustments => Set<IndexAdjustment>();
    public DbSet<Area> Areas => Set<Area>();
    public DbSet<Criterion> Criteria => Set<Criterion>();
    public DbSet<SubCriterion> SubCriteria => Set<SubCriterion>();
    public DbSet<Assessment> Assessments => Set<Assessment>();
    public DbSet<AssessmentPhase> AssessmentPhases => Set<AssessmentPhase>();
    public DbSet<SubCriterionScore> Scores => Set<SubCriterionScore>();
    public DbSet<Evidence> Evidence => Set<Evidence>();
    public DbSet<PublishedResult> PublishedResults => Set<PublishedResult>();
    public DbSet<ImprovementPlan> Plans => Set<ImprovementPlan>();
    public DbSet<PlanTask> PlanTasks => Set<PlanTask>();
    public DbSet<TaskProgress> TaskProgress => Set<TaskProgress>();
    public DbSet<Dossier> Dossiers => Set<Dossier>();
    public DbSet<DossierImport> DossierImports => Set<DossierImport>();
    public DbSet<PeriodicReport> PeriodicReports => Set<PeriodicReport>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys { get; set; } = null!;

    /// <summary>Owns every save: its transaction, the write gate where the provider has one, and their release.</summary>
    private readonly Infrastructure.Writes.WriteTransactions? _writes = Infrastructure.Writes.WriteTransactions.Of(options);

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        _writes is null ? base.SaveChanges(acceptAllChangesOnSuccess) : _writes.Save(this, () => base.SaveChanges(acceptAllChangesOnSuccess));

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        _writes is null
            ? base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken)
            : _writes.SaveAsync(this, ct => base.SaveChangesAsync(acceptAllChangesOnSuccess, ct), cancellationToken);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Official results are published to three decimals (80,567).
        configurationBuilder.Properties<decimal>().HavePrecision(9, 3);
        configurationBuilder.Properties<decimal?>().HavePrecision(9, 3);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ParIndexDbContext).Assembly);
    }
}

public sealed class SqliteParIndexDbContext(DbContextOptions<SqliteParIndexDbContext> options) : ParIndexDbContext(options);

public sealed class SqlServerParIndexDbContext(DbContextOptions<SqlServerParIndexDbContext> options) : ParIndexDbContext(options);
