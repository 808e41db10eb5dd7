using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using ParIndex.Web.Data;
using ParIndex.Web.Features.Api;
using ParIndex.Web.Features.Assessments;
using ParIndex.Web.Features.Audit;
using ParIndex.Web.Features.Dashboard;
using ParIndex.Web.Features.Exports;
using ParIndex.Web.Features.Operations;
using ParIndex.Web.Features.Plans;
using ParIndex.Web.Features.Reminders;
using ParIndex.Web.Features.Search;
using ParIndex.Web.Identity;
using ParIndex.Web.Infrastructure;
using Serilog;

namespace ParIndex.Web;

/// <summary>The application's wiring, in one place and in the order it runs.</summary>
public static class Startup
{
    public static void AddParIndex(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;

        // Each host builds its own logger and leaves the static bootstrap logger alone: two hosts in one process
        // (tests, two instances) would otherwise cross their log files.
        builder.Host.UseSerilog(Logging.Configure, preserveStaticLogger: true);
        // Every setting, typed and checked at start-up (Infrastructure/Settings.cs); ThreadPool:MinThreads is applied there.
        services.AddParIndexSettings();
        services.AddHostedService<ThreadPoolOptions.Apply>();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => Clock.FromSettings(config, sp.GetRequiredService<TimeProvider>()));
        services.AddParIndexDatabase(builder.Environment.ContentRootPath);

        services.AddIdentity<ApplicationUser, IdentityRole>(o =>
            {
                // NIST-style: long passwords, no composition rules; common ones refused by CommonPasswordValidator.
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<ParIndexDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<ParIndexClaimsFactory>()
            .AddErrorDescriber<VietnameseIdentityErrorDescriber>()
            .AddPasswordValidator<CommonPasswordValidator>();

        // A disabled user or a reset password ends existing sessions within a minute.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "ParIndex.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.ExpireTimeSpan = SessionLifetime.Idle;
            o.SlidingExpiration = true;
            o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized);
            // A refused action answers 403 itself (the status page explains it), never a redirect that looks like success.
            o.Events.OnRedirectToAccessDenied = ctx =>
            {
                if (ctx.Request.Path.StartsWithSegments("/api"))
                    return ParIndex.Web.Features.Api.ApiEndpoints.ProblemAsync(ctx.HttpContext, StatusCodes.Status403Forbidden);
                ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
            SessionLifetime.Configure(o); // 12 hours in all, whatever the activity
        });
        // Sessions live in the database, the cookie holds only their key: signing out ends them on the server.
        DatabaseTicketStore.Use(services);
        services.AddSignInRateLimit();
        services.AddHsts(o => o.MaxAge = SecurityHeaders.HstsMaxAge);
        services.AddParIndexReverseProxy(config, builder.Environment);
        services.AddParIndexHealth();

        services.AddDataProtection()
            .SetApplicationName("ParIndex")
            .PersistKeysToDbContext<ParIndexDbContext>();

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Editor, p => p.RequireRole(Roles.Admin, Roles.Office))
            .AddPolicy(Policies.CanIssuePlan, p => p.RequireRole(Roles.Leadership))
            .AddPolicy(Policies.PlanReviewer, p => p.RequireRole(Roles.Admin, Roles.Office, Roles.Leadership))
            .AddPolicy(Policies.AdminOnly, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.AuditReader, p => p.RequireRole(Roles.Admin, Roles.Leadership));

        services.AddRazorPages(o =>
        {
            // Each feature folder holds its pages beside its services, readers and exports (docs/architecture.md).
            o.RootDirectory = "/Features";
            o.Conventions.AllowAnonymousToPage("/Account/Login");
            o.Conventions.AllowAnonymousToPage("/Account/AccessDenied");
            o.Conventions.AllowAnonymousToPage("/Account/ForgotPassword");
            o.Conventions.AllowAnonymousToPage("/Account/ResetPassword");
            o.Conventions.AllowAnonymousToPage("/Error");
            o.Conventions.AllowAnonymousToPage("/Status");
            o.Conventions.AuthorizeFolder("/Admin", Policies.AdminOnly);
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "ParIndex.Antiforgery";
            o.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });
        // A user's form token made once per antiforgery cookie, not on every page (Infrastructure/FormTokens.cs).
        FormTokens.Use(services);
        // Vietnamese letters are written as they are, not as &#x…; entities (smaller pages: docs/performance.md; still HTML-encoded where it matters).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentUser>();
        services.AddSingleton<FileStore>();
        services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o =>
        {
            o.Filters.Add<RequireTwoFactorFilter>();
            o.Filters.Add<MethodNotAllowedFilter>();
            // A handler's own policy ([HandlerPolicy]), checked before the antiforgery token.
            o.Filters.Add<ParIndex.Web.Infrastructure.Authorization.HandlerAuthorizationFilter>();
            // A rule of the domain refusing a change: a model error on the page, in one place.
            o.Filters.Add<DomainErrorFilter>();
        });

        // The features, each registered by its own folder (docs/architecture.md).
        services
            .AddAudit()
            .AddAssessments()
            .AddPlans(config)
            .AddDashboard()
            .AddOperations()
            .AddReminders()
            .AddApi()
            .AddForms()
            .AddSearch();
    }

    public static void UseParIndex(this WebApplication app)
    {
        // Probes first: cheap, and answered over plain HTTP on loopback whatever follows.
        app.UseParIndexHealth();
        // Behind nginx or IIS: the client's scheme, address and host, from the known proxies only (ReverseProxy.cs).
        app.UseForwardedHeaders();
        // Cookies are Secure outside Development: plain HTTP is redirected or refused before any page could fail on it.
        if (!app.Environment.IsDevelopment()) app.UseHttpsOnly();
        app.UseExceptionHandler("/Error");
        if (!app.Environment.IsDevelopment()) app.UseHsts();

        app.UseSecurityHeaders();
        app.UseStatusCodePagesWithReExecute("/Status/{0}");
        // The host's logger (file of record and the console's background writer). Left unset, Serilog's request logger
        // falls back to the static logger, which the host keeps as the start-up console logger: request events then
        // missed the log file and were written to the console synchronously, under its lock, by every request.
        var requestLogger = app.Services.GetRequiredService<Serilog.ILogger>();
        app.UseSerilogRequestLogging(o =>
        {
            Logging.ConfigureRequests(o);
            o.Logger = requestLogger;
        });
        var vi = new CultureInfo("vi-VN");
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(vi),
            SupportedCultures = [vi],
            SupportedUICultures = [vi],
        });
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapRazorPages();
        app.MapApi();
        app.MapExports();
    }

    private static Task ApiAware(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
            return ParIndex.Web.Features.Api.ApiEndpoints.ProblemAsync(ctx.HttpContext, status);
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
