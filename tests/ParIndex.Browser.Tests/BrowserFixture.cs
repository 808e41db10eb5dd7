using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Browser.Tests;

/// <summary>
/// The application on a real Kestrel port with the demo data, and Debian's Chromium driven by Playwright.
/// Playwright's own browser download cannot work here: CI installs the `chromium` package.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public ParIndexFactory Factory { get; } = new();
    public string BaseUrl { get; private set; } = "";
    private IPlaywright? _playwright;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: install the Debian package 'chromium' (apt-get install -y chromium).");
        Factory.UseKestrel(0);
        Factory.StartServer();
        BaseUrl = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal);
        // Web-first assertions wait up to 15 s rather than Playwright's 5: CI runs them on a loaded two-core machine.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>A fresh browser context (its own cookies) signed in through the login form.</summary>
    public async Task<IPage> SignInAsync(string email, int width = 1366)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            Locale = "vi-VN",
            ViewportSize = new ViewportSize { Width = width, Height = width < 600 ? 844 : 768 },
            IsMobile = width < 600,
            HasTouch = width < 600,
            DeviceScaleFactor = 1,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Thư điện tử").FillAsync(email);
        await page.GetByLabel("Mật khẩu").FillAsync(TestClient.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        // Signing in hashes the password: slow on a loaded two-core machine.
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal), new() { Timeout = 90_000 });
        return page;
    }

    /// <summary>Where a test leaves a screenshot for a person to look at (outside the repository).</summary>
    public static string ScreenshotPath(string name)
    {
        var folder = Path.Combine(Path.GetTempPath(), "parindex-screenshots");
        Directory.CreateDirectory(folder);
        var safe = string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' ? c : '_'));
        return Path.Combine(folder, safe + ".png");
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        Factory.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
