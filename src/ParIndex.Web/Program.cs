using ParIndex.Web;
using ParIndex.Web.Data;
using ParIndex.Web.Identity;
using ParIndex.Web.Infrastructure;
using Serilog;

Log.Logger = Logging.CreateBootstrapLogger();
try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddParIndex();
    var app = builder.Build();

    // `dotnet run --project src/ParIndex.Web -- create-admin <email> <full name>`: the first admin in Production.
    if (args.Length > 0 && args[0] == "create-admin")
        return await AdminCommand.RunAsync(app, args[1..]);

    await app.InitializeDatabaseAsync();
    app.UseParIndex();
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal(ex, "ParIndex stopped unexpectedly");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}

public partial class Program;
