using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Identity;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Data;

public static class DatabaseStartup
{
    /// <summary>
    /// Applies the provider's migrations, makes sure the roles exist and, where <c>Demo:Enabled</c> is true
    /// (Development), loads the reference department and the demo accounts.
    /// </summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<ParIndexDbContext>();
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger("Database");

        if (db.Database.IsSqlite())
        {
            // WAL lets readers go on while one writer writes.
            await db.Database.OpenConnectionAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            await db.Database.CloseConnectionAsync();
        }
        await db.Database.MigrateAsync();
        await EnsureRolesAsync(services.GetRequiredService<RoleManager<IdentityRole>>());

        var demo = services.GetRequiredService<IOptions<DemoOptions>>().Value;
        if (demo.Enabled)
        {
            if (app.Environment.IsProduction())
                throw new InvalidOperationException("Demo:Enabled must not be set in Production: it creates accounts with a known password.");
            var seeded = await DemoSeeder.SeedAsync(db, services.GetRequiredService<Clock>());
            var password = demo.Password ?? DemoAccounts.DefaultPassword;
            await DemoAccounts.EnsureAsync(db, services.GetRequiredService<UserManager<ApplicationUser>>(), password);
            if (seeded) log.LogInformation("Demo data and demo accounts loaded");
        }
    }

    public static async Task EnsureRolesAsync(RoleManager<IdentityRole> roles)
    {
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole(role));
    }
}
