namespace ParIndex.Web.Features.Assessments;

public static class AssessmentsFeature
{
    /// <summary>A year's assessment: its read model (shared between requests), the score writes.</summary>
    public static IServiceCollection AddAssessments(this IServiceCollection services)
    {
        services.AddScoped<AssessmentReader>();
        services.AddSingleton<AssessmentViewCache>();
        services.AddScoped<ScoreService>();
        return services;
    }
}
