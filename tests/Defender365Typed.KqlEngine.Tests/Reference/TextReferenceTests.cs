using System.Linq;

namespace Defender365Typed.KqlEngine.Tests.Reference;

/// <summary>
/// The string, encoding and hash functions against the examples of Microsoft's KQL reference
/// (MicrosoftDocs/dataexplorer-docs, data-explorer/kusto/query/&lt;name&gt;-function.md), outputs as printed there.
/// hash, countof and parse_url are in ReferenceExampleTests; strcat_array, split and extract_json in DynamicReferenceTests.
/// </summary>
public sealed class TextReferenceTests
{
    // base64-encode-tostring-function.md, base64-decode-tostring-function.md and base64-decode-toarray-function.md.
    [Theory]
    [InlineData("base64_encode_tostring(\"Kusto\")", "S3VzdG8=")]
    [InlineData("base64_decode_tostring(\"S3VzdG8=\")", "Kusto")]
    [InlineData("base64_encodestring(\"Kusto\")", "S3VzdG8=")]
    [InlineData("base64_decodestring(\"S3VzdG8=\")", "Kusto")]
    public void Base64_round_trip(string expression, string expected) => Assert.Equal(expected, DocsTable.Print(expression));

    // base64-decode-tostring-function.md: bytes that are not valid UTF-8 decode to an empty result.
    [Fact]
    public void Base64_decode_tostring_of_invalid_utf8_is_empty() =>
        DocsTable.AssertOutput("print Empty=base64_decode_tostring(\"U3RyaW5n0KHR0tGA0L7Rh9C60LA=\")", "|Empty|\n|-----|\n||");

    [Fact]
    public void Base64_decode_toarray() => DocsTable.AssertOutput("print Quine=base64_decode_toarray(\"S3VzdG8=\")", "|Quine|\n|-----|\n|[75,117,115,116,111]|");

    // hash-sha256-function.md, hash-md5-function.md and hash-sha1-function.md: "World" and datetime(2020-01-01), then
    // the state names of the StormEvents example (the hashes of plain strings, so they need no sample database).
    [Theory]
    [InlineData("hash_sha256", "World", "78ae647dc5544d227130a0682a51e30bc7777fbb6d8a8f17007463a3ecd1d524")]
    [InlineData("hash_sha256", "TEXAS", "9087f20f23f91b5a77e8406846117049029e6798ebbd0d38aea68da73a00ca37")]
    [InlineData("hash_sha256", "KANSAS", "c80e328393541a3181b258cdb4da4d00587c5045e8cf3bb6c8fdb7016b69cc2e")]
    [InlineData("hash_md5", "World", "f5a7924e621e84c9280a9a27e1bcb7f6")]
    [InlineData("hash_md5", "TEXAS", "3b00dbe6e07e7485a1c12d36c8e9910a")]
    [InlineData("hash_md5", "KANSAS", "e1338d0ac8be43846cf9ae967bd02e7f")]
    [InlineData("hash_sha1", "World", "70c07ec18ef89c5309bbb0937f3a6342411e1fdd")]
    [InlineData("hash_sha1", "TEXAS", "3128d805194d4e6141766cc846778eeacb12e3ea")]
    [InlineData("hash_sha1", "KANSAS", "ea926e17098148921e472b1a760cd5a8117e84d6")]
    public void Hash_of_a_string(string function, string text, string hex) => Assert.Equal(hex, DocsTable.Print($"{function}(\"{text}\")"));

    [Theory]
    [InlineData("hash_sha256", "ba666752dc1a20eb750b0eb64e780cc4c968bc9fb8813461c1d7e750f302d71d")]
    [InlineData("hash_md5", "786c530672d1f8db31fee25ea8a9390b")]
    [InlineData("hash_sha1", "e903e533f4d636b4fc0dcf3cf81e7b7f330de776")]
    public void Hash_of_a_datetime(string function, string hex) => Assert.Equal(hex, DocsTable.Print($"{function}(datetime(2020-01-01))"));

    // replace-string-function.md and replace-regex-function.md, "Example". The reference prints str as
    // "Number is 1.000000", from a time when range made reals; range x from 1 to 5 makes longs today, whose text is
    // "1", so the rows below carry the long's text and the replacement the reference shows.
    [Theory]
    [InlineData("replace_string(str, 'is', 'was')", "Number was ")]
    [InlineData("replace_regex(str, @'is (\\d+)', @'was: \\1')", "Number was: ")]
    public void Replace_over_a_range(string replacement, string prefix)
    {
        KqlResultTable t = DocsTable.Run($"""
            range x from 1 to 5 step 1
            | extend str=strcat('Number is ', tostring(x))
            | extend replaced={replacement}
            """);
        Assert.Equal(["x", "str", "replaced"], t.Columns.Select(c => c.Name));
        Assert.Equal(Enumerable.Range(1, 5).Select(i => prefix + i), t.Rows.Select(r => (string)r[2]!));
    }

    // extract-all-function.md, "Examples": one group, several groups, a subset of groups and named groups (RE2's
    // (?P<name>...) syntax, picked by name or number).
    private const string Guid = "print Id=\"82b8be2d-dfa7-4bd1-8f63-24ad26d31449\"\n";

    [Theory]
    [InlineData("@\"([\\da-f]{2})\", Id", "[\"82\",\"b8\",\"be\",\"2d\",\"df\",\"a7\",\"4b\",\"d1\",\"8f\",\"63\",\"24\",\"ad\",\"26\",\"d3\",\"14\",\"49\"]")]
    [InlineData("@\"(\\w)(\\w+)(\\w)\", Id", "[[\"8\",\"2b8be2\",\"d\"],[\"d\",\"fa\",\"7\"],[\"4\",\"bd\",\"1\"],[\"8\",\"f6\",\"3\"],[\"2\",\"4ad26d3144\",\"9\"]]")]
    [InlineData("@\"(\\w)(\\w+)(\\w)\", dynamic([1,3]), Id", "[[\"8\",\"d\"],[\"d\",\"7\"],[\"4\",\"1\"],[\"8\",\"3\"],[\"2\",\"9\"]]")]
    [InlineData("@\"(?P<first>\\w)(?P<middle>\\w+)(?P<last>\\w)\", dynamic(['first',2,'last']), Id", "[[\"8\",\"2b8be2\",\"d\"],[\"d\",\"fa\",\"7\"],[\"4\",\"bd\",\"1\"],[\"8\",\"f6\",\"3\"],[\"2\",\"4ad26d3144\",\"9\"]]")]
    public void Extract_all(string arguments, string bytes) => DocsTable.AssertOutput(
        Guid + $"| extend guid_bytes = extract_all({arguments})",
        $"|Id|guid_bytes|\n|---|---|\n|82b8be2d-dfa7-4bd1-8f63-24ad26d31449|{bytes}|");

    // trim-function.md: a substring, non-word characters, and whitespace trimmed from both ends.
    [Theory]
    [InlineData("@\"--https://bing.com--\"", "\"--\"", "https://bing.com")]
    [InlineData("\"-  Te st1// $\"", "@\"[^\\w]+\"", "Te st1")]
    [InlineData("@\"    Hello, world!    \"", "@\"\\s+\"", "Hello, world!")]
    public void Trim(string text, string regex, string trimmed) =>
        Assert.Equal(trimmed, DocsTable.Run($"let string_to_trim = {text};\nprint trimmed_string = trim({regex}, string_to_trim)").Rows[0][0]);

    // url-decode-function.md, "Example".
    [Fact]
    public void Url_decode() => DocsTable.AssertOutput(
        "let url = @'https%3a%2f%2fwww.bing.com%2f';\nprint original = url, decoded = url_decode(url)",
        "|original|decoded|\n|---|---|\n|https%3a%2f%2fwww.bing.com%2f|https://www.bing.com/|");
}
