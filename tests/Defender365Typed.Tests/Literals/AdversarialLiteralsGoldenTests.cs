namespace Defender365Typed.Tests.Literals;

/// <summary>
/// Pins the rendering of every adversarial value in Golden/literals/adversarial-literals.kql, a query that CI
/// also runs through the KQL parser.
/// </summary>
public sealed class AdversarialLiteralsGoldenTests
{
    [Fact]
    public void Adversarial_literals_match_the_approved_query()
    {
        ApprovedFile.Verify("literals/adversarial-literals.kql", AdversarialQuery.Render());
    }

    [Fact]
    public void Every_named_string_in_the_query_decodes_to_its_value()
    {
        foreach (AdversarialQuery.Entry entry in AdversarialQuery.Entries())
        {
            if (entry.Value is string text)
            {
                Assert.Equal(text, KqlLiteralDecoder.DecodeString(entry.Literal));
            }
        }
    }
}
