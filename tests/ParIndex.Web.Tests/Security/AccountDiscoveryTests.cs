using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Features.Account;
using ParIndex.Web.Identity;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Security;

/// <summary>Identity's own hasher, counting how often a password is checked.</summary>
public sealed class CountingHasher : IPasswordHasher<ApplicationUser>
{
    private readonly PasswordHasher<ApplicationUser> _inner = new();
    private int _verifications;
    public int Verifications => Volatile.Read(ref _verifications);

    public string HashPassword(ApplicationUser user, string password) => _inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(ApplicationUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verifications);
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

/// <summary>The sign-in form tells nothing about an account (exists, disabled, locked) to someone without its password.</summary>
public class AccountDiscoveryTests
{
    private static SecurityFactory Factory(CountingHasher hasher) => new()
    {
        Services2 = s =>
        {
            s.RemoveAll<IPasswordHasher<ApplicationUser>>();
            s.AddSingleton<IPasswordHasher<ApplicationUser>>(hasher);
        },
    };

    private static async Task<(HttpStatusCode Status, string Message, int Hashes)> TryAsync(HttpClient client, CountingHasher hasher,
        string email, string password)
    {
        var jar = new CookieJar();
        var token = await jar.TokenAsync(client, "/Account/Login");
        var before = hasher.Verifications;
        var response = await jar.PostAsync(client, "/Account/Login", new()
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["__RequestVerificationToken"] = token,
        });
        var hashes = hasher.Verifications - before;
        var message = response.StatusCode == HttpStatusCode.OK
            ? (await TestClient.ParseAsync(response)).QuerySelector(".validation-summary-errors")?.TextContent.Trim() ?? ""
            : "";
        return (response.StatusCode, message, hashes);
    }

    [Fact]
    public async Task An_unknown_account_runs_one_password_hash_like_a_wrong_password_and_gets_the_same_answer()
    {
        var hasher = new CountingHasher();
        using var factory = Factory(hasher);
        using var client = factory.CreateRawClient();
        var unknown = await TryAsync(client, hasher, "khong-ai-co@parindex.local", "mot mat khau dai sai");
        var wrong = await TryAsync(client, hasher, DemoAccounts.Leadership, "mot mat khau dai sai");
        Assert.Equal((HttpStatusCode.OK, LoginModel.WrongCredentials, 1), unknown);
        Assert.Equal((HttpStatusCode.OK, LoginModel.WrongCredentials, 1), wrong);
    }

    [Fact]
    public async Task A_disabled_or_locked_account_answers_like_a_wrong_password_until_the_password_is_right()
    {
        var hasher = new CountingHasher();
        using var factory = Factory(hasher);
        using var client = factory.CreateRawClient();
        await factory.WithDbAsync(db => db.Users.Where(u => u.Email == DemoAccounts.Leadership)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.IsDisabled, true)));
        await factory.WithDbAsync(db => db.Users.Where(u => u.Email == DemoAccounts.Office)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.LockoutEnd, DateTimeOffset.UtcNow.AddMinutes(10))));

        Assert.Equal((HttpStatusCode.OK, LoginModel.WrongCredentials, 1), await TryAsync(client, hasher, DemoAccounts.Leadership, "mot mat khau dai sai"));
        Assert.Equal((HttpStatusCode.OK, LoginModel.WrongCredentials, 1), await TryAsync(client, hasher, DemoAccounts.Office, "mot mat khau dai sai"));
        Assert.Equal((HttpStatusCode.OK, LoginModel.Disabled, 1), await TryAsync(client, hasher, DemoAccounts.Leadership, TestClient.Password));
        Assert.Equal((HttpStatusCode.OK, LoginModel.LockedOut, 1), await TryAsync(client, hasher, DemoAccounts.Office, TestClient.Password));
    }

    [Fact]
    public async Task The_attempt_that_locks_an_account_says_only_that_the_password_is_wrong()
    {
        var hasher = new CountingHasher();
        using var factory = Factory(hasher);
        using var client = factory.CreateRawClient();
        var answers = new List<string>();
        for (var i = 0; i < 6; i++) answers.Add((await TryAsync(client, hasher, DemoAccounts.Leadership, "sai-mat-khau-" + i + "-dai-dai")).Message);
        Assert.All(answers, a => Assert.Equal(LoginModel.WrongCredentials, a));
        Assert.NotNull(await factory.WithDbAsync(db => db.Users.Where(u => u.Email == DemoAccounts.Leadership).Select(u => u.LockoutEnd).SingleAsync()));
    }
}
