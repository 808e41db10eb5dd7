namespace ParIndex.Web.Tests.Production;

/// <summary>
/// Every setting is read into a typed class and checked at start-up: the real application, started as an operator
/// starts it, refuses a bad value with a message naming the setting (exit code 1), before it serves anything.
/// </summary>
public class SettingsValidationTests
{
    // One case per kind of check (a range, a choice, a length, a URL); each is a real process start (~15 s here).
    [Theory]
    [InlineData("ReadCache__Seconds", "-1", "ReadCache:Seconds must be between 0 and 3600.")]
    [InlineData("Database__Provider", "Postgres", "Database:Provider must be Sqlite or SqlServer.")]
    [InlineData("Logging__Console", "Loud", "Logging:Console must be one of Async, Sync, Off, false.")]
    [InlineData("Demo__Password", "short", "Demo:Password must be at least 12 characters long")]
    [InlineData("Security__SignInAttemptsPerMinute", "0", "Security:SignInAttemptsPerMinute must be between 1 and 10000.")]
    [InlineData("ThreadPool__MinThreads", "-4", "ThreadPool:MinThreads must be between 0 and 4096.")]
    [InlineData("Reminders__Email__BaseUrl", "cchc.example.gov.vn", "Reminders:Email:BaseUrl must be an absolute http or https address")]
    public async Task A_bad_value_stops_the_start_up_with_a_message_naming_the_setting(string variable, string value, string message)
    {
        using var factory = new ProductionFactory();

        var run = await AppProcess.RunAsync(factory, [], new()
        {
            ["AllowedHosts"] = ProductionFactory.Host,
            [variable] = value,
        });

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, run.Output + run.Error);
    }

    private sealed class GoodValuesFactory : ParIndex.Web.Tests.Infrastructure.ParIndexFactory
    {
        protected override void ConfigureSettings(IDictionary<string, string?> settings)
        {
            settings["ReadCache:Seconds"] = "0";
            settings["Logging:Console"] = "sync";
            settings["Security:SignInAttemptsPerMinute"] = "5";
            settings["ThreadPool:MinThreads"] = "4";
            settings["Reminders:Email:BaseUrl"] = "https://cchc.example.gov.vn";
            settings["Reminders:Email:Security"] = "starttls";
        }
    }

    [Fact]
    public async Task The_application_starts_with_good_values_of_the_same_settings()
    {
        using var factory = new GoodValuesFactory();
        using var client = factory.CreateClient();

        var health = await client.GetAsync("/healthz");

        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
    }
}
