using Reporting.Api.Extensions;
using Microsoft.AspNetCore.Builder;
using Platform.ServiceDefaults.Hosting;
using Platform.Testing;

namespace Reporting.Tests;

/// <summary>The Reporting service on its own real database and RabbitMQ virtual host, wired as Program.cs wires it.</summary>
public sealed class ReportingFixture : ServiceFixture
{
    protected override string Name => "reporting";

    protected override void Configure(WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults();
        builder.AddApplicationServices();
    }

    protected override void Map(WebApplication app) => app.MapDefaultEndpoints();
}
