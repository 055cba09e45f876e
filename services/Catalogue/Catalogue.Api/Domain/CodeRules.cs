namespace Catalogue.Api.Domain;

/// <summary>
/// How node codes relate to their parents. Documents number differently (I.1.1, 4.2.1, 7.2.3), so
/// no numeral system or depth is assumed: a child's code extends its parent's by a separator and a
/// further segment. The one exception is a strategic goal that mirrors its area (the Chrzanów
/// strategy numbers "Cel strategiczny I" in "Obszar I"): a different kind may repeat its parent's code.
/// </summary>
public static class CodeRules
{
    public const int MaxCodeLength = 32;
    private static readonly char[] Separators = ['.', '-', '/', ' '];

    public static bool IsWellFormed(string code) =>
        code.Length is > 0 and <= MaxCodeLength
        && code.All(c => char.IsLetterOrDigit(c) || Separators.Contains(c))
        && !Separators.Contains(code[0]) && !Separators.Contains(code[^1]);

    public static bool FitsParent(string code, NodeKind kind, string parentCode, NodeKind parentKind)
    {
        if (code == parentCode) return kind != parentKind;
        return code.Length > parentCode.Length + 1
            && code.StartsWith(parentCode, StringComparison.Ordinal)
            && Separators.Contains(code[parentCode.Length]);
    }
}
