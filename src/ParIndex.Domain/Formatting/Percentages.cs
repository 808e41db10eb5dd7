namespace ParIndex.Domain.Formatting;

/// <summary>The index of an area or criterion: points earned ÷ max × 100.</summary>
public static class Percentages
{
    /// <summary>
    /// points ÷ max × 100, rounded to 2 decimals (away from zero). A max of 0 (or less) gives 0.
    /// </summary>
    public static decimal Of(decimal points, decimal max) =>
        max <= 0m ? 0m : Math.Round(points / max * 100m, 2, MidpointRounding.AwayFromZero);
}
