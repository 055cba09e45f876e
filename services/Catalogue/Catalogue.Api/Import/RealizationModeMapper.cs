using Catalogue.Api.Domain;

namespace Catalogue.Api.Import;

/// <summary>
/// Maps the documents' free-text realization modes onto <see cref="MonitoringStatus"/>. Text is folded
/// (case, Polish diacritics) and squeezed to letters only, so "REALIZACJ A CIĄGŁA" (a typo with a
/// stray space) reads as "realizacjaciagla". A phrase may carry a qualifier after it ("REALIZACJA
/// CZĘŚCIOWA – przebudowy dróg"); single words must match whole. Anything else is reported, not guessed.
/// </summary>
public static class RealizationModeMapper
{
    private static readonly (string Phrase, string Status)[] Phrases =
    [
        ("realizacjaciagla", MonitoringStatus.Continuous),
        ("realizowanywsposobciagly", MonitoringStatus.Continuous),
        ("realizacjaczesciowa", MonitoringStatus.Partial),
        ("czesciowozrealizowany", MonitoringStatus.Partial),
        ("wtrakcierealizacji", MonitoringStatus.InProgress),
        ("brakrealizacji", MonitoringStatus.NotRealized),
        ("niezrealizowano", MonitoringStatus.NotRealized),
        ("nierozpoczeto", MonitoringStatus.NotStarted),
        ("realizacjaniezostalarozpoczeta", MonitoringStatus.NotStarted),
        ("zaniechano", MonitoringStatus.Abandoned),
        ("odstapionoodrealizacji", MonitoringStatus.Abandoned),
    ];

    private static readonly Dictionary<string, string> Words = new(StringComparer.Ordinal)
    {
        ["tak"] = MonitoringStatus.Completed,
        ["zrealizowano"] = MonitoringStatus.Completed,
        ["zrealizowany"] = MonitoringStatus.Completed,
        ["wykonano"] = MonitoringStatus.Completed,
        ["ciagla"] = MonitoringStatus.Continuous,
        ["czesciowo"] = MonitoringStatus.Partial,
        ["wtrakcie"] = MonitoringStatus.InProgress,
        ["nie"] = MonitoringStatus.NotRealized,
        ["niezrealizowany"] = MonitoringStatus.NotRealized,
        ["nierozpoczety"] = MonitoringStatus.NotStarted,
        ["zaniechany"] = MonitoringStatus.Abandoned,
    };

    /// <summary>The status for the text, or null when no rule covers it. A vocabulary word itself ("partial") maps to itself.</summary>
    public static string? Map(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var trimmed = text.Trim();
        if (MonitoringStatus.IsKnown(trimmed)) return trimmed;
        var squeezed = new string(PolishText.Fold(trimmed).Where(char.IsLetter).ToArray());
        if (Words.TryGetValue(squeezed, out var word)) return word;
        foreach (var (phrase, status) in Phrases)
            if (squeezed.StartsWith(phrase, StringComparison.Ordinal)) return status;
        return null;
    }

    /// <summary>"TAK"/"NIE" (and yes/no, true/false) as the documents' realized column; null when it says something else.</summary>
    public static bool? Realized(string? text) =>
        PolishText.Fold(text?.Trim()) switch
        {
            "tak" or "t" or "yes" or "true" or "1" => true,
            "nie" or "n" or "no" or "false" or "0" => false,
            _ => null,
        };
}
