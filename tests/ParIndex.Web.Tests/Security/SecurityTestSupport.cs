using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Security;

/// <summary>A clock the test moves: the cookie handler and the security stamp validator read TimeProvider from DI.</summary>
public sealed class MovableTime : TimeProvider
{
    private TimeSpan _offset;
    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow + _offset;
    public void Advance(TimeSpan by) => _offset += by;
}

/// <summary>
/// The real application with extra settings, an optional movable TimeProvider, an optional shared database file
/// (a second instance, or the same instance restarted), and optional test-only services.
/// </summary>
public class SecurityFactory : ParIndexFactory
{
    public Dictionary<string, string?> Settings { get; init; } = new();
    public MovableTime? Time { get; init; }
    /// <summary>Another factory's database file: this instance then runs on the same database (no copy).</summary>
    public string? SharedDatabase { get; init; }
    public Action<IServiceCollection>? Services2 { get; init; }

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        // Generous by default so test classes that sign in often are not throttled; the limiter has its own test.
        settings["Security:SignInAttemptsPerMinute"] = "10000";
        if (SharedDatabase is not null) settings["ConnectionStrings:ParIndex"] = $"Data Source={SharedDatabase}";
        foreach (var (key, value) in Settings) settings[key] = value;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            if (Time is not null)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(Time);
            }
            Services2?.Invoke(services);
        });
    }

    private static readonly object StartLock = new();

    /// <summary>
    /// Hosts are started one at a time: Program sets a Serilog bootstrap logger in a static and each host freezes
    /// the static it finds, so two hosts starting at once can freeze the same one and the second fails
    /// ("The logger is already frozen"). See the report: the real fix belongs in Program/Startup.
    /// </summary>
    protected override Microsoft.Extensions.Hosting.IHost CreateHost(Microsoft.Extensions.Hosting.IHostBuilder builder)
    {
        lock (StartLock) return base.CreateHost(builder);
    }

    /// <summary>A client that does not keep cookies: the test sends them itself (to replay them on another instance).</summary>
    public HttpClient CreateRawClient(string baseAddress = "http://localhost/") =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri(baseAddress) });
}

/// <summary>Cookies kept by hand, so the same cookies can be sent to another instance of the application.</summary>
public sealed class CookieJar
{
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public string Header => string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}"));
    public bool Has(string name) => _cookies.ContainsKey(name);

    public void Take(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var values)) return;
        foreach (var value in values)
        {
            var pair = value.Split(';', 2)[0];
            var eq = pair.IndexOf('=');
            var name = pair[..eq];
            var content = pair[(eq + 1)..];
            if (content.Length == 0 || value.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase)) _cookies.Remove(name);
            else _cookies[name] = content;
        }
    }

    public async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        if (_cookies.Count > 0) request.Headers.Add("Cookie", Header);
        var response = await client.SendAsync(request);
        Take(response);
        return response;
    }

    public Task<HttpResponseMessage> GetAsync(HttpClient client, string url) => SendAsync(client, new HttpRequestMessage(HttpMethod.Get, url));

    public Task<HttpResponseMessage> PostAsync(HttpClient client, string url, Dictionary<string, string> form) =>
        SendAsync(client, new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) });

    /// <summary>The antiforgery token a page rendered for this jar's identity.</summary>
    public async Task<string> TokenAsync(HttpClient client, string url)
    {
        var response = await GetAsync(client, url);
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"GET {url}: {(int)response.StatusCode}");
        var document = await TestClient.ParseAsync(response);
        return document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No antiforgery token on {url}");
    }

    /// <summary>Signs in through the real form; returns the final response of the password step.</summary>
    public async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string? password = null)
    {
        var token = await TokenAsync(client, "/Account/Login");
        return await PostAsync(client, "/Account/Login", new()
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password ?? TestClient.Password,
            ["__RequestVerificationToken"] = token,
        });
    }
}

public static class Totp
{
    /// <summary>The RFC 6238 code (SHA-1, 30 s, 6 digits) an authenticator app would show for a base32 key.</summary>
    public static string Code(string base32Key, DateTimeOffset at)
    {
        var key = Base32(base32Key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant());
        var counter = at.ToUnixTimeSeconds() / 30;
        var bytes = BitConverter.GetBytes(counter);
        if (BitConverter.IsLittleEndian) Array.Reverse(bytes);
#pragma warning disable CA5350 // RFC 6238 TOTP, as authenticator apps compute it, is HMAC-SHA1
        var hash = HMACSHA1.HashData(key, bytes);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string input)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var output = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in input.TrimEnd('='))
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c);
            bits += 5;
            if (bits >= 8)
            {
                output.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return [.. output];
    }
}

/// <summary>A fingerprint of the whole database's content (every table but the data-protection key ring), to prove a request wrote nothing.</summary>
public static class DatabaseFingerprint
{
    public static string Of(string databasePath)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' " +
                               "AND name NOT IN ('DataProtectionKeys','__EFMigrationsHistory','AuthSessions') ORDER BY name";
            using var reader = list.ExecuteReader();
            while (reader.Read()) tables.Add(reader.GetString(0));
        }
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var summary = new List<string>();
        foreach (var table in tables)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY 1";
            using var reader = command.ExecuteReader();
            var rows = 0;
            while (reader.Read())
            {
                rows++;
                for (var i = 0; i < reader.FieldCount; i++)
                    sha.AppendData(System.Text.Encoding.UTF8.GetBytes((reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)) + "|"));
            }
            summary.Add($"{table}:{rows}");
        }
        return string.Join(",", summary) + "#" + Convert.ToHexString(sha.GetHashAndReset());
    }
}
