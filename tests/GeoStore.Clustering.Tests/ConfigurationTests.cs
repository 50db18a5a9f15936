using GeoStore.Clustering.Gateways;
using GeoStore.Clustering.Hosting;
using GeoStore.Clustering.Membership;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Messaging;
using Orleans.Runtime;
using Shouldly;

namespace GeoStore.Clustering.Tests;

/// <summary>
/// Configuration alone selects Azure Table clustering (<c>Orleans:Clustering:ProviderType=AzureTables</c>),
/// and a configuration that cannot work stops start-up with a message that says what to set.
/// </summary>
public sealed class ConfigurationTests
{
    private const string ConnectionString = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";

    [Fact]
    public void A_silo_configured_with_provider_type_AzureTables_gets_the_azure_table_membership_table()
    {
        using var host = SiloHost(new()
        {
            ["Orleans:Clustering:ProviderType"] = "AzureTables",
            ["Orleans:Clustering:ConnectionString"] = ConnectionString,
            ["Orleans:Clustering:TableName"] = "gsmembershipx",
        });

        host.Services.GetRequiredService<IMembershipTable>().ShouldBeOfType<AzureTableMembershipTable>();
        var options = host.Services.GetRequiredService<IOptions<AzureTableClusteringOptions>>().Value;
        options.ConnectionString.ShouldBe(ConnectionString);
        options.TableName.ShouldBe("gsmembershipx");
    }

    [Fact]
    public void A_client_configured_with_provider_type_AzureTables_reads_gateways_from_the_table()
    {
        using var host = ClientHost(new()
        {
            ["Orleans:Clustering:ProviderType"] = "AzureTables",
            ["Orleans:Clustering:ConnectionString"] = ConnectionString,
        });

        host.Services.GetRequiredService<IGatewayListProvider>().ShouldBeOfType<AzureTableGatewayListProvider>();
    }

    [Fact]
    public void Aspire_s_service_key_names_a_connection_string()
    {
        using var host = ClientHost(new()
        {
            ["Orleans:Clustering:ProviderType"] = "AzureTableStorage",
            ["Orleans:Clustering:ServiceKey"] = "clustering",
            ["ConnectionStrings:clustering"] = ConnectionString,
        });

        host.Services.GetRequiredService<IOptions<AzureTableClusteringOptions>>().Value.ConnectionString.ShouldBe(ConnectionString);
    }

    [Fact]
    public void A_service_key_that_names_nothing_says_so()
    {
        using var host = ClientHost(new()
        {
            ["Orleans:Clustering:ProviderType"] = "AzureTables",
            ["Orleans:Clustering:ServiceKey"] = "missing",
        });

        var error = Should.Throw<OrleansConfigurationException>(() => host.Services.GetRequiredService<IOptions<AzureTableClusteringOptions>>().Value);
        error.Message.ShouldContain("ConnectionStrings:missing");
    }

    [Fact]
    public async Task A_silo_without_a_storage_account_fails_to_start_and_says_what_to_set()
    {
        using var host = SiloHost(new() { ["Orleans:Clustering:ProviderType"] = "AzureTables" });

        var error = await Should.ThrowAsync<OrleansConfigurationException>(() => host.StartAsync());

        error.Message.ShouldContain("Orleans:Clustering:ConnectionString");
    }

    [Theory]
    [InlineData("gs")]
    [InlineData("gs-membership")]
    [InlineData("9membership")]
    public void A_table_name_the_service_would_refuse_is_rejected(string tableName)
    {
        var problem = AzureTableClusteringOptionsValidator.Validate(new AzureTableClusteringOptions { ConnectionString = ConnectionString, TableName = tableName });

        problem.ShouldNotBeNull().ShouldContain($"TableName '{tableName}'");
    }

    [Fact]
    public void A_connection_string_that_is_not_one_is_rejected()
    {
        var problem = AzureTableClusteringOptionsValidator.Validate(new AzureTableClusteringOptions { ConnectionString = "not a connection string" });

        problem.ShouldNotBeNull().ShouldContain("connection string");
    }

    [Fact]
    public void A_connection_string_or_a_sas_uri_is_accepted()
    {
        AzureTableClusteringOptionsValidator.Validate(new AzureTableClusteringOptions { ConnectionString = ConnectionString }).ShouldBeNull();
        AzureTableClusteringOptionsValidator.Validate(new AzureTableClusteringOptions { ConnectionString = "https://account.table.core.windows.net/?sv=2024-01-01&sig=abc" }).ShouldBeNull();
    }

    private static IHost SiloHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.UseOrleans(_ => { });
        return builder.Build();
    }

    private static IHost ClientHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.UseOrleansClient(_ => { });
        return builder.Build();
    }
}
