using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults.Validation;

/// <summary>The REST side of <see cref="TextGuard"/>: a query value with NUL is a 400 naming the parameter.</summary>
public static class QueryTextGuard
{
    public static IApplicationBuilder UseQueryTextGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        foreach (var (name, values) in context.Request.Query)
        {
            if (!name.Contains('\0') && !values.Any(v => v?.Contains('\0') == true)) continue;
            await Results.ValidationProblem(new Dictionary<string, string[]> { [name.Replace("\0", "")] = [TextGuard.Reason] },
                title: "Nieprawidłowe żądanie").ExecuteAsync(context);
            return;
        }
        await next(context);
    });
}
