using Platform.ServiceDefaults.Validation;
using System.Globalization;
using LabourMarket.Api.Domain;
using Platform.ServiceDefaults.Errors;

namespace LabourMarket.Api.Application;

/// <summary>Parsing of the query parameters both transports share, with errors naming the parameter.</summary>
internal static class QueryParameters
{
    public static Period? OptionalPeriod(string? text, string field, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (Period.TryParse(text, out var period)) return period;
        errors.Add(field, $"'{text}' is not a period (YYYY, YYYY-Qn or YYYY-MM).");
        return null;
    }

    public static Period RequiredPeriod(string? text, string field, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text)) { errors.Add(field, "is required."); return default; }
        return OptionalPeriod(text, field, errors) ?? default;
    }

    public static string Breakdown(string? text, ValidationErrors errors)
    {
        var code = Breakdowns.Normalize(text);
        if (!Breakdowns.IsKnown(code)) errors.Add("breakdown", $"unknown breakdown '{code}'.");
        return code;
    }

    /// <summary>
    /// A page number and size as both transports pass them (0 = not given): the page bounded so the offset
    /// cannot overflow (the fuzz run found int.MaxValue pages turning it negative), the size to the list's maximum.
    /// </summary>
    public static (int Page, int PageSize) Page(int page, int pageSize, int defaultSize, int maxSize) =>
        (Math.Clamp(page, 1, Paging.MaxPage), pageSize <= 0 ? defaultSize : Math.Min(pageSize, maxSize));

    /// <summary>"As known on": an RFC 3339 time, or a date meaning the end of that day (UTC).</summary>
    public static DateTimeOffset? AsOf(string? text, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return new DateTimeOffset(date.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddTicks(-1);
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)) return time;
        errors.Add("asOf", $"'{text}' is neither a date (YYYY-MM-DD) nor an RFC 3339 time.");
        return null;
    }
}
