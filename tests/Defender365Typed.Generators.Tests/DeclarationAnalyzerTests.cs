using System.Threading.Tasks;
using Defender365Typed.Generators.Tests.Helpers;

namespace Defender365Typed.Generators.Tests;

public sealed class DeclarationAnalyzerTests
{
    private const string Supported = "use string, DateTime, DateTimeOffset, long, int, bool, double, decimal, Guid, TimeSpan, KqlDynamicValue, JsonElement, or a nullable of one of these value types";
    private const string NameRule = "is not valid in KQL; use non-empty text without leading or trailing whitespace, control characters or surrogate pairs";

    [Fact]
    public Task DTQ001_type_not_partial() => DiagnosticVerifier.VerifyAsync(
        """
        [HuntingTable("Events")]
        public sealed record {|DTQ001:Events|}(string Name);
        """,
        "'Events' must be declared partial because the generator adds members to [HuntingTable] type 'Events'; add the 'partial' modifier");

    [Fact]
    public Task DTQ001_containing_type_not_partial() => DiagnosticVerifier.VerifyAsync(
        """
        public static class {|DTQ001:Queries|}
        {
            [HuntingResult]
            public partial record Row(string Name);
        }
        """,
        "'Queries' must be declared partial because the generator adds members to [HuntingResult] type 'Queries.Row'; add the 'partial' modifier");

    [Fact]
    public Task DTQ002_unsupported_property_types() => DiagnosticVerifier.VerifyAsync(
        """
        [HuntingTable("Events")]
        public partial class Events
        {
            public object {|DTQ002:Payload|} { get; init; } = new();
            public float? {|DTQ002:Score|} { get; init; }
        }
        """,
        $"Property 'Payload' of 'Events' has type 'object', which no KQL column maps to; {Supported}",
        $"Property 'Score' of 'Events' has type 'float?', which no KQL column maps to; {Supported}");

    [Fact]
    public Task DTQ003_two_properties_map_to_one_column() => DiagnosticVerifier.VerifyAsync(
        """
        [HuntingTable("Events")]
        public partial record Events
        {
            public string Name { get; init; } = "";
            [HuntingColumn({|DTQ003:"Name"|})]
            public string DisplayName { get; init; } = "";
        }
        """,
        "Column 'Name' is mapped by both 'Name' and 'DisplayName' in 'Events'; give each property its own column name");

    [Fact]
    public Task DTQ004_invalid_table_and_column_names() => DiagnosticVerifier.VerifyAsync(
        """
        [HuntingTable({|DTQ004:" Events"|})]
        public partial record Events
        {
            [HuntingColumn({|DTQ004:"Bad\tName"|})]
            public string Name { get; init; } = "";
            [HuntingColumn({|DTQ004:""|})]
            public long Size { get; init; }
            [HuntingColumn({|DTQ004:"\U0001D465"|})]
            public bool Flag { get; init; }
        }
        """,
        $"The table name \" Events\" of 'Events' {NameRule}",
        $"The column name \"Bad\\tName\" of 'Events.Name' {NameRule}",
        $"The column name \"\" of 'Events.Size' {NameRule}",
        $"The column name \"\U0001D465\" of 'Events.Flag' {NameRule}"); // outside the BMP: a surrogate pair

    [Fact]
    public Task DTQ005_pinned_type_the_property_cannot_hold() => DiagnosticVerifier.VerifyAsync(
        """
        [HuntingTable("Events")]
        public partial record Events
        {
            [HuntingColumn({|DTQ005:Type = KqlType.Guid|})]
            public long Id { get; init; }
            [HuntingColumn("Data", {|DTQ005:Type = (KqlType)42|})]
            public JsonElement Payload { get; init; }
        }

        [HuntingResult]
        public partial record Row([property: HuntingColumn({|DTQ005:Type = KqlType.Long|})] int Count);
        """,
        "Property 'Id' of 'Events' has type 'long', which cannot hold a guid column; change the property type or the [HuntingColumn(Type = ...)] pin",
        "Property 'Payload' of 'Events' has type 'JsonElement', which cannot hold a (KqlType)42 (not a KQL type) column; change the property type or the [HuntingColumn(Type = ...)] pin",
        "Property 'Count' of 'Row' has type 'int', which cannot hold a long column; change the property type or the [HuntingColumn(Type = ...)] pin");

    [Fact]
    public Task DTQ006_result_property_fits_no_table_column_of_that_name() => DiagnosticVerifier.VerifyAsync(
        """
        [HuntingTable("Sightings")]
        public partial record Sightings(DateTime Seen, string Host);

        [HuntingResult]
        public partial record Row(
            long {|DTQ006:FileName|},
            bool {|DTQ006:Seen|},
            string DeviceName,
            long FileSize,
            string Unknown,
            string Host,
            JsonElement AdditionalFields);

        [HuntingResult]
        public partial record Renamed([property: HuntingColumn("FileName")] int {|DTQ006:Name|});
        """,
        "Result property 'FileName' is long but every table column named 'FileName' is string; change the property type, or map the property to another column with [HuntingColumn]",
        "Result property 'Seen' is bool but every table column named 'Seen' is datetime; change the property type, or map the property to another column with [HuntingColumn]",
        "Result property 'Name' is int but every table column named 'FileName' is string; change the property type, or map the property to another column with [HuntingColumn]");

    [Fact]
    public Task DTQ007_property_named_like_a_generated_member() => DiagnosticVerifier.VerifyAsync(
        """
        [HuntingTable("Events")]
        public partial record Events
        {
            public string {|DTQ007:Shape|} { get; init; } = "";
            [HuntingColumn("Columns")]
            public long {|DTQ007:Table|} { get; init; }
        }
        """,
        "Property 'Shape' of 'Events' clashes with the generated member 'Shape' (Shape, Table and Columns are reserved); rename the property and keep the column name with [HuntingColumn(\"Shape\")]",
        "Property 'Table' of 'Events' clashes with the generated member 'Table' (Shape, Table and Columns are reserved); rename the property and keep the column name with [HuntingColumn(\"Table\")]");

    [Fact]
    public Task DTQ007_type_named_like_a_generated_member() => DiagnosticVerifier.VerifyAsync(
        """
        [HuntingTable("Tables")]
        public partial record {|DTQ007:Table|}(string Name);
        """,
        "Type 'Table' has the name of a member the generator adds to it (Shape, Table and Columns are reserved); rename the type");

    [Fact]
    public Task DTQ008_generic_type() => DiagnosticVerifier.VerifyAsync(
        """
        [HuntingTable("Events")]
        public partial record {|DTQ008:Events|}<T>(string Name);
        """,
        "'Events<T>' cannot be a [HuntingTable] type because it is generic; declare a non-generic, non-static, non-abstract class, record or struct (not a ref struct)");

    [Fact]
    public Task DTQ008_nested_in_generic_type() => DiagnosticVerifier.VerifyAsync(
        """
        public partial class Outer<T>
        {
            [HuntingResult]
            public partial record {|DTQ008:Row|}(string Name);
        }
        """,
        "'Outer<T>.Row' cannot be a [HuntingResult] type because it is nested in the generic type 'Outer<T>'; declare a non-generic, non-static, non-abstract class, record or struct (not a ref struct)");

    [Fact]
    public Task DTQ008_static_and_abstract_types() => DiagnosticVerifier.VerifyAsync(
        """
        [HuntingResult]
        public static partial class {|DTQ008:Helpers|}
        {
        }

        [HuntingTable("Events")]
        public abstract partial record {|DTQ008:Events|}(string Name);
        """,
        "'Helpers' cannot be a [HuntingResult] type because it is static; declare a non-generic, non-static, non-abstract class, record or struct (not a ref struct)",
        "'Events' cannot be a [HuntingTable] type because it is abstract; declare a non-generic, non-static, non-abstract class, record or struct (not a ref struct)");

    [Fact]
    public Task DTQ008_ref_struct() => DiagnosticVerifier.VerifyAsync(
        """
        [HuntingResult]
        public ref partial struct {|DTQ008:Row|}
        {
            public string Name { get; init; }
        }
        """,
        "'Row' cannot be a [HuntingResult] type because it is a ref struct; declare a non-generic, non-static, non-abstract class, record or struct (not a ref struct)");

    [Fact]
    public Task DTQ009_table_and_result_on_one_type() => DiagnosticVerifier.VerifyAsync(
        """
        [HuntingTable("Events"), {|DTQ009:HuntingResult|}]
        public partial record Events(string Name);
        """,
        "'Events' has both [HuntingTable] and [HuntingResult]; it is generated as a table, whose Shape also serves as a result, so remove [HuntingResult]");

    [Fact]
    public Task Several_problems_on_one_property_are_all_reported() => DiagnosticVerifier.VerifyAsync(
        """
        [HuntingTable("Events")]
        public record {|DTQ001:Events|}
        {
            public object {|DTQ002,DTQ007:Columns|} { get; init; } = new();
        }
        """,
        "'Events' must be declared partial because the generator adds members to [HuntingTable] type 'Events'; add the 'partial' modifier",
        $"Property 'Columns' of 'Events' has type 'object', which no KQL column maps to; {Supported}",
        "Property 'Columns' of 'Events' clashes with the generated member 'Columns' (Shape, Table and Columns are reserved); rename the property and keep the column name with [HuntingColumn(\"Columns\")]");

    [Fact]
    public Task Valid_declarations_get_no_diagnostics() => DiagnosticVerifier.VerifyAsync(
        """
        public partial class Outer
        {
            /// <summary>Events with every supported column type.</summary>
            [HuntingTable("My Events")]
            public sealed partial record Events
            {
                public DateTime Timestamp { get; init; }
                public DateTimeOffset? Seen { get; init; }
                public string Name { get; init; } = "";
                public long Size { get; init; }
                public int? Count { get; init; }
                public bool IsNew { get; init; }
                public double Score { get; init; }
                public decimal Price { get; init; }
                public Guid Id { get; init; }
                public TimeSpan Elapsed { get; init; }
                public JsonElement Extra { get; init; }
                [HuntingColumn("Shape")] public string ShapeName { get; init; } = "";
                [HuntingColumn(Type = KqlType.Guid)] public string TenantId { get; init; } = "";
                [HuntingColumn(Type = KqlType.Int)] public long Small { get; init; }
                public string @event { get; init; } = "";
            }
        }

        [HuntingResult]
        public readonly partial record struct Pair(string DeviceName, long Count);
        """);
}
