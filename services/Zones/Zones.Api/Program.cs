using Platform.ServiceDefaults.Hosting;
using Zones.Api.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapApplicationEndpoints();
app.Run();
