using System.Text;
using Platform.Text;

namespace BuildingBlocks.Tests.Text;

/// <summary>Files as Polish offices save them: UTF-8 (with or without BOM) and Windows-1250 read right; the rest refused by line.</summary>
public sealed class PolishTextFileTests
{
    private const string Csv = "kind;code;title\nstrategic_goal;1;Gmina Libiąż – rozwój\ndirection;1.1.1;Ścieżki rowerowe w Źródłach\n";

    static PolishTextFileTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Theory]
    [InlineData("utf-8", false, "utf-8")]
    [InlineData("utf-8", true, "utf-8")]
    [InlineData("windows-1250", false, "windows-1250")]
    public void UTF8_and_windows_1250_read_with_the_right_letters(string encoding, bool bom, string detected)
    {
        var bytes = (bom ? "\uFEFF"u8.ToArray() : []).Concat(Encoding.GetEncoding(encoding).GetBytes(Csv)).ToArray();
        var decoded = PolishTextFile.Decode(bytes);
        Assert.False(decoded.Refused, decoded.Problem);
        Assert.Equal(Csv, decoded.Text);
        Assert.Equal(detected, decoded.Encoding);
    }

    [Fact]
    public void ISO_8859_2_is_refused_naming_the_first_line_with_a_letter_it_would_garble()
    {
        var decoded = PolishTextFile.Decode(Encoding.GetEncoding("iso-8859-2").GetBytes(Csv));
        Assert.True(decoded.Refused);
        Assert.Equal((2, "iso-8859-2"), (decoded.Line, decoded.Encoding));
        Assert.Contains("ISO-8859-2", decoded.Problem);
        Assert.Null(decoded.Text);
    }

    [Theory]
    [InlineData("utf-16")]
    [InlineData("utf-16BE")]
    public void UTF16_is_refused(string encoding)
    {
        var bytes = Encoding.GetEncoding(encoding).GetPreamble().Concat(Encoding.GetEncoding(encoding).GetBytes(Csv)).ToArray();
        var decoded = PolishTextFile.Decode(bytes);
        Assert.True(decoded.Refused);
        Assert.Contains("UTF-16", decoded.Problem);
        // Without its BOM too (Excel's "Unicode text" always has one, other tools may not).
        Assert.True(PolishTextFile.Decode(Encoding.GetEncoding(encoding).GetBytes(Csv)).Refused);
    }

    [Fact]
    public void A_file_stitched_from_both_encodings_names_the_odd_line()
    {
        var lines = Csv.Split('\n');
        var bytes = Encoding.UTF8.GetBytes(lines[0] + "\n" + lines[1] + "\n").Concat(Encoding.GetEncoding(1250).GetBytes(lines[2] + "\n")).ToArray();
        var decoded = PolishTextFile.Decode(bytes);
        Assert.True(decoded.Refused);
        Assert.Equal(3, decoded.Line);
    }

    [Fact]
    public void Windows_1250_text_whose_letters_read_the_same_in_Latin_2_is_accepted()
    {
        // ł, ó, ż, ę share their bytes in both one-byte encodings: no letter can be garbled, so it is read as Windows-1250.
        const string text = "kind;code;title\ndirection;1.1;Łomża – żółw, ęć, ń\n";
        var decoded = PolishTextFile.Decode(Encoding.GetEncoding(1250).GetBytes(text));
        Assert.Equal(text, decoded.Text);
    }
}
