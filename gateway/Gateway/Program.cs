using Gateway.Cli;
using Gateway.Extensions;
using Platform.ServiceDefaults.Hosting;

var command = GatewayCommands.Matches(args);
var builder = WebApplication.CreateBuilder(command ? [] : args);
builder.AddServiceDefaults();
builder.AddGatewayServices();
if (command) builder.Logging.ClearProviders(); // a command prints only its result (scripts capture it)

var app = builder.Build();
if (command) return await GatewayCommands.RunAsync(app, args);

app.MapDefaultEndpoints(serviceOpenApi: false);
app.MapGatewayEndpoints();
await app.RunAsync();
return 0;
