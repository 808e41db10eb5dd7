using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using ParIndex.Domain.Accountability;
using ParIndex.Domain.Assessments;
using ParIndex.Domain.Frameworks;
using ParIndex.Domain.Operations;
using ParIndex.Domain.Plans;
using ParIndex.Domain.Projection;
using ParIndex.Domain.Units;
using ParIndex.Web.Identity;

namespace ParIndex.Web.Features.Audit;

/// <summary>The record an audited change belongs to: its type and id, and the prefix of its field names.</summary>
public readonly record struct AuditTarget(string Type, string Id, string Prefix);

/// <summary>
/// What is audited: the entity types whose changes are recorded, the record (type, id, field prefix) each change
/// belongs to, and the properties that are never recorded (noise) or recorded without their values (secrets).
/// </summary>
public static class AuditedEntities
{
    /// <summary>Properties that change on every save or hold secrets: not worth, or not safe, recording.</summary>
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal)
    {
        "Version", "UpdatedAt", "UpdatedBy", "ConcurrencyStamp", "SecurityStamp", "NormalizedEmail", "NormalizedUserName",
        "AccessFailedCount", "LockoutEnd",
    };

    /// <summary>Recorded as changed, never with their values.</summary>
    private static readonly HashSet<string> Secret = new(StringComparer.Ordinal) { "PasswordHash" };

    public static bool IsIgnored(string property) => Ignored.Contains(property);

    public static bool IsSecret(string property) => Secret.Contains(property);

    /// <summary>The record the entry's change belongs to, or null when its type is not audited.</summary>
    public static AuditTarget? Target(EntityEntry e) => e.Entity switch
    {
        SubCriterionScore s => new("SubCriterionScore", Key(s.Id), ""),
        Evidence ev => new("SubCriterionScore", Key(ev.SubCriterionScoreId), $"Evidence[{Key(ev.Id)}]."),
        PublishedResult p => new("PublishedResult", Key(p.Id), ""),
        PublishedAreaResult a => new("PublishedResult", Key(e.Property("PublishedResultId").CurrentValue), $"Area[{a.AreaCode}]."),
        Assessment a => new("Assessment", Key(a.Id), ""),
        AssessmentPhase ph => new("Assessment", Key(ph.AssessmentId), $"Phase[{ph.Kind}]."),
        PhaseChange pc => new("Assessment", Key(e.Property("AssessmentId").CurrentValue), $"PhaseChange[{pc.Kind}]."),
        ImprovementPlan p => new("ImprovementPlan", Key(p.Id), ""),
        PlanTask t => new("PlanTask", Key(t.Id), ""),
        TaskProgress tp => new("PlanTask", Key(tp.PlanTaskId), $"Progress[{Key(tp.Id)}]."),
        PlanTaskDueDate d => new("PlanTask", Key(d.PlanTaskId), $"DueDate[{Key(d.Id)}]."),
        PlanTaskTarget tt => new("PlanTask", Key(tt.PlanTaskId), "Target."),
        PlanTaskCoordinator c => new("PlanTask", Key(c.PlanTaskId), "Coordinator."),
        Unit u => new("Unit", Key(u.Id), ""),
        PeriodicReport r => new("PeriodicReport", Key(r.Id), ""),
        // One entry per import (file, rows, who); the imported dossiers themselves are data, not decisions.
        DossierImport i => new("DossierImport", Key(i.Id), ""),
        // A dossier changed or removed (by the form, a re-import or an undo) is recorded; imported rows are the import's entry.
        Dossier d when e.State != EntityState.Added => new("Dossier", Key(d.Id), ""),
        // The year's total dossiers decides the on-time rate.
        DossierYearTotal t => new("DossierYearTotal", Key(t.Year), ""),
        // The working calendar decides every count of days late.
        CalendarDay c => new("CalendarDay", Key(c.Id), ""),
        FactSourceLink f => new("SubCriterion", Key(f.SubCriterionId), "FactSource."),
        // The Office's shares of a sub-criterion's lost points decide who is held to account: every change is recorded.
        LossShare l => new("SubCriterion", Key(l.SubCriterionId), $"LossShare[{Key(l.UnitId)}]."),
        Framework f => new("Framework", Key(f.Id), ""),
        // The parts of a year's index beyond its sub-criteria change its total: every change is recorded.
        SurveyGroup g => new("SurveyGroup", Key(g.Id), ""),
        IndexAdjustment a => new("IndexAdjustment", Key(a.Id), ""),
        // A year's framework is created whole (seeded or copied): its creation is the Framework entry; what is recorded
        // field by field afterwards is each edit, which changes how that year is scored.
        Area a when e.State != EntityState.Added => new("Area", Key(a.Id), ""),
        Criterion c when e.State != EntityState.Added => new("Criterion", Key(c.Id), ""),
        SubCriterion s when e.State != EntityState.Added => new("SubCriterion", Key(s.Id), ""),
        ApplicationUser u => new("ApplicationUser", u.Id, ""),
        IdentityUserRole<string> r => new("ApplicationUser", r.UserId, ""),
        _ => null,
    };

    private static string Key(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
}
