using LabourMarket.Api.Cli;
using LabourMarket.Api.Extensions;
using Platform.ServiceDefaults.Hosting;

// "territory import <file>" runs as a command with the service's configuration, then exits (see Cli/TerritoryCommands).
var command = TerritoryCommands.Matches(args);
var builder = WebApplication.CreateBuilder(command ? [] : args);
builder.AddServiceDefaults();
builder.AddApplicationServices();
if (command) builder.Logging.ClearProviders(); // a command prints only its report (scripts capture it)

var app = builder.Build();
if (command) return await TerritoryCommands.RunAsync(app, args);

app.MapDefaultEndpoints();
app.MapApplicationEndpoints();
await app.RunAsync();
return 0;
