using Microsoft.AspNetCore.Identity;
using ParIndex.Web.Data;

namespace ParIndex.Web.Identity;

/// <summary>
/// Creates the first administrator in an environment without demo accounts:
/// <c>dotnet run --project src/ParIndex.Web -- create-admin admin@so.gov.vn "Nguyễn Văn A"</c>.
/// The password is read from standard input (or PARINDEX_ADMIN_PASSWORD) so it never lands in shell history.
/// </summary>
public static class AdminCommand
{
    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        if (args.Length < 1)
        {
            Console.Error.WriteLine("usage: create-admin <email> [full name]  (password on standard input or in PARINDEX_ADMIN_PASSWORD)");
            return 2;
        }
        var email = args[0];
        var fullName = args.Length > 1 ? string.Join(' ', args[1..]) : email;
        var password = Environment.GetEnvironmentVariable("PARINDEX_ADMIN_PASSWORD");
        if (string.IsNullOrEmpty(password))
        {
            Console.Error.Write("Password: ");
            password = Console.ReadLine();
        }
        if (string.IsNullOrEmpty(password))
        {
            Console.Error.WriteLine("No password given.");
            return 2;
        }

        await app.InitializeDatabaseAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        if (await users.FindByEmailAsync(email) is not null)
        {
            Console.Error.WriteLine($"A user {email} exists already.");
            return 1;
        }
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, FullName = fullName };
        var result = await users.CreateAsync(user, password);
        if (result.Succeeded) result = await users.AddToRoleAsync(user, Roles.Admin);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors) Console.Error.WriteLine(error.Description);
            return 1;
        }
        Console.WriteLine($"Administrator {email} created.");
        return 0;
    }
}
