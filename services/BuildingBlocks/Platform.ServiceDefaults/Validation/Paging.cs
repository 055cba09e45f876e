using Platform.ServiceDefaults.Errors;

namespace Platform.ServiceDefaults.Validation;

/// <summary>
/// The one check of a page number and size, for REST and gRPC alike: both from 1, the size up to the list's maximum, the
/// page up to a million — so (page − 1) × size always fits the int PostgreSQL's OFFSET gets (page 2 147 483 647 once
/// overflowed into a negative offset and a 500).
/// </summary>
public static class Paging
{
    public const int MaxPage = 1_000_000;

    public static void Check(ValidationErrors errors, int page, int pageSize, int maxPageSize, string pageField = "page", string pageSizeField = "pageSize")
    {
        if (page is < 1 or > MaxPage) errors.Add(pageField, "Numer strony od 1 do 1 000 000.");
        if (pageSize < 1 || pageSize > maxPageSize) errors.Add(pageSizeField, $"Rozmiar strony od 1 do {maxPageSize}.");
    }

    /// <summary>The rows before the page (checked pages only: it cannot overflow then).</summary>
    public static int Offset(int page, int pageSize) => checked((page - 1) * pageSize);
}
