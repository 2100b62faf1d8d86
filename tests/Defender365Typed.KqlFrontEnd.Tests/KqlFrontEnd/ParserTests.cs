using System.Linq;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.Generators.Tests.KqlFrontEnd;

public sealed class ParserTests
{
    private static KqlSyntaxTree ParseClean(string text)
    {
        var tree = Parser.Parse(text);
        Assert.True(tree.Diagnostics.Count == 0, string.Join("\n", tree.Diagnostics));
        return tree;
    }

    private static OperatorNode LastOperator(KqlSyntaxTree tree)
    {
        var query = Assert.IsType<QueryStatement>(tree.Statements[^1]);
        return Assert.IsType<PipeExpr>(query.Query).Operator;
    }

    [Theory]
    [InlineData("T | where a > 1 and b has \"x\" or not(c)")]
    [InlineData("T | filter a between (1 .. 10) and b !between (now() .. 1d)")]
    [InlineData("T | where a in (\"x\", 'y') and b !in~ (dynamic([1,2])) and c has_any (L) and d has_all (\"a\")")]
    [InlineData("T | where a matches regex @\"^\\d+$\" and b !contains_cs \"x\" and c startswith_cs 'y'")]
    [InlineData("T | project a, b = c * 2, ['odd name'] = d.e[\"f\"][0], x = -y")]
    [InlineData("T | project-away a, b*, *c | project-keep x* | project-rename n = o | project-reorder z asc, y")]
    [InlineData("T | extend (a, b) = f(x) | extend c = a.b.c, d = iff(x, 1, 2)")]
    [InlineData("T | summarize count(), dcount(a), arg_max(Timestamp, *) by bin(Timestamp, 1h), b")]
    [InlineData("T | summarize hint.shufflekey = a c = count() by a")]
    [InlineData("T | order by a desc nulls last, b asc | sort by c | top 10 by d desc | take 5 | limit 3")]
    [InlineData("T | distinct a, b | distinct * | count | count as n")]
    [InlineData("T | join kind=leftouter hint.strategy=shuffle (U | where x) on a, $left.b == $right.c")]
    [InlineData("T | join U on a | lookup kind=inner (V) on b")]
    [InlineData("union withsource=Src kind=outer isfuzzy=true T, (U | take 1), Device*")]
    [InlineData("T | union U, V")]
    [InlineData("T | mv-expand bagexpansion=array with_itemindex=i a, b = c to typeof(string) limit 10")]
    [InlineData("T | parse kind=regex flags=i a with * \"x\" b:long \"-\" c *")]
    [InlineData("T | parse-where a with \"x\" b")]
    [InlineData("T | make-series n = count() default = 0 on Timestamp from ago(1d) to now() step 1h by a")]
    [InlineData("T | make-series n = count() on Timestamp in range(ago(1d), now(), 1h)")]
    [InlineData("T | evaluate bag_unpack(x) | evaluate pivot(a): (b:string, c:long)")]
    [InlineData("T | invoke FileProfile(SHA1, 1000) | as X | serialize r = row_number() | sample 10 | getschema")]
    [InlineData("T | render timechart with (title = \"x\")")]
    [InlineData("print a = 1, 'b' | extend c = a")]
    [InlineData("datatable(a:string, b:long) [\"x\", 1, \"y\", 2] | where b > 1")]
    [InlineData("range x from 1 to 10 step 1")]
    [InlineData("search \"x\" | take 1")]
    [InlineData("T | top-nested 3 of a by count() | partition by b (take 1) | mv-apply c on (take 1) | facet by d")]
    [InlineData("let a = 1; let b = dynamic({\"k\": [1, 2]}); let c = (T | where x); c | where y == a")]
    [InlineData("let f = (x:string, t:(*), u:(a:long) , y:long = 5) { t | where a == x | take y }; f(\"q\", T, U)")]
    [InlineData("let f = () { T }; f() | take 1")]
    [InlineData("let v = view () { T }; v")]
    [InlineData("set querytrace; T | take 1")]
    [InlineData("T | where a == \"x\" \"y\" // adjacent literals\n| take 1")]
    [InlineData("T | where toscalar(U | summarize max(x)) > 1 and x in ((U | project y))")]
    public void Parses_without_errors(string text) => ParseClean(text);

    [Fact]
    public void Precedence_and_over_or_and_comparison_over_and()
    {
        var tree = ParseClean("T | where a == 1 or b == 2 and c == 3");
        var where = LastOperator(tree);
        var or = Assert.IsType<BinaryExpr>(where.Items[0]);
        Assert.Equal("or", or.Op);
        var and = Assert.IsType<BinaryExpr>(or.Right);
        Assert.Equal("and", and.Op);
        Assert.Equal("==", Assert.IsType<BinaryExpr>(and.Left).Op);
    }

    [Fact]
    public void Arithmetic_precedence()
    {
        var tree = ParseClean("print x = 1 + 2 * 3 - 4");
        var print = Assert.IsType<OperatorNode>(Assert.IsType<QueryStatement>(tree.Statements[0]).Query);
        var assign = Assert.IsType<AssignExpr>(print.Items[0]);
        var minus = Assert.IsType<BinaryExpr>(assign.Value);
        Assert.Equal("-", minus.Op);
        var plus = Assert.IsType<BinaryExpr>(minus.Left);
        Assert.Equal("+", plus.Op);
        Assert.Equal("*", Assert.IsType<BinaryExpr>(plus.Right).Op);
    }

    [Fact]
    public void Spans_are_exact()
    {
        const string text = "DeviceEvents | where FileName =~ 'x'";
        var tree = ParseClean(text);
        var where = LastOperator(tree);
        Assert.Equal(15, where.KeywordStart);
        var cmp = Assert.IsType<BinaryExpr>(where.Items[0]);
        var name = Assert.IsType<NameExpr>(cmp.Left);
        Assert.Equal("FileName", text.Substring(name.Start, name.Length));
        Assert.Equal("=~", text.Substring(cmp.OpStart, cmp.OpLength));
        Assert.Equal(text.Length, cmp.End);
    }

    [Fact]
    public void Join_parts()
    {
        var op = LastOperator(ParseClean("T | join kind=inner (U) on $left.a == $right.b"));
        Assert.Equal(OperatorKind.Join, op.Kind);
        Assert.Equal("inner", Assert.IsType<NameExpr>(op.GetParameter("kind")).Name);
        Assert.IsType<ParenExpr>(op.Operand);
        var on = Assert.IsType<BinaryExpr>(Assert.Single(op.On));
        Assert.Equal("$left", Assert.IsType<NameExpr>(Assert.IsType<DotExpr>(on.Left).Left).Name);
    }

    [Fact]
    public void Unknown_operator_is_recognised_and_skipped()
    {
        var tree = Parser.Parse("T | wher a == 1 | take 1");
        var d = Assert.Single(tree.Diagnostics);
        Assert.Equal(KqlDiagnosticKind.SyntaxError, d.Kind);
        Assert.Equal(4, d.Start);
        Assert.Equal(4, d.Length);
        Assert.Contains("'wher' is not a KQL query operator", d.Message, System.StringComparison.Ordinal);
        Assert.Equal(OperatorKind.Take, LastOperator(tree).Kind);
    }

    [Fact]
    public void Missing_expression_recovers_at_the_next_pipe()
    {
        var tree = Parser.Parse("T | where | take 1");
        var d = Assert.Single(tree.Diagnostics);
        Assert.Equal(10, d.Start);
        Assert.Equal(OperatorKind.Take, LastOperator(tree).Kind);
    }

    [Fact]
    public void Missing_close_paren_is_reported()
    {
        var tree = Parser.Parse("T | where f(a, b");
        Assert.Contains(tree.Diagnostics, d => d.Kind == KqlDiagnosticKind.SyntaxError && d.Message.Contains("')'", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Statements_need_separators()
    {
        var tree = Parser.Parse("let a = 1\nT");
        Assert.Contains(tree.Diagnostics, d => d.Start == 10);
    }

    [Fact]
    public void Query_cannot_start_with_a_pipe()
    {
        var tree = Parser.Parse("| where a");
        Assert.Equal(0, tree.Diagnostics.First().Start);
    }
}
