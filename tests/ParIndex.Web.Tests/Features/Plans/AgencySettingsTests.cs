using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ParIndex.Web.Features.Plans;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Plans;

/// <summary>The agency settings are checked when the application starts, not when the first plan is drafted.</summary>
public class AgencySettingsTests
{
    [Fact]
    public void A_missing_agency_name_or_a_malformed_symbol_is_refused_by_the_features_registration_naming_the_setting()
    {
        // The registration Startup calls (AddPlans), over settings that lack the name and misspell the symbol.
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Agency:Name"] = "",
            ["Agency:ParentAgency"] = "UBND tỉnh Đắk Nông",
            ["Agency:Place"] = "Đắk Nông",
            ["Agency:DocumentSymbol"] = "kh/stnmt",
            ["Agency:SignerTitle"] = "GIÁM ĐỐC",
        }).Build();
        using var provider = new Microsoft.Extensions.DependencyInjection.ServiceCollection().AddPlans(configuration).BuildServiceProvider();

        var validation = Assert.Throws<OptionsValidationException>(() => { _ = provider.GetRequiredService<AgencyOptions>(); });
        Assert.Contains(validation.Failures, f => f.Contains("Name", StringComparison.Ordinal));
        Assert.Contains(validation.Failures, f => f.Contains("KH-STNMT", StringComparison.Ordinal));
        // ValidateOnStart: the host runs the same validation before it serves the first request.
        Assert.NotEmpty(provider.GetServices<IValidateOptions<AgencyOptions>>());
    }

    [Fact]
    public void The_settings_are_read_once_and_the_number_line_carries_the_symbol()
    {
        using var factory = new ParIndexFactory();
        var services = factory.Services;
        var first = (AgencyOptions)services.GetService(typeof(AgencyOptions))!;
        Assert.Same(first, services.GetService(typeof(AgencyOptions)));
        Assert.Equal("KH-STNMT", first.DocumentSymbol);
        Assert.Equal("Số: 45/KH-STNMT", AgencyOptions.NumberLine("45", first.DocumentSymbol));
        Assert.Equal("Số: 45/KH-STNMT", AgencyOptions.NumberLine("45/KH-STNMT", first.DocumentSymbol));
        Assert.Equal("Số:      /KH-STNMT", AgencyOptions.NumberLine(null, first.DocumentSymbol));
    }
}
