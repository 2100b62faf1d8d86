using System.Linq;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.KqlEngine.Tests.Reference;

/// <summary>
/// The examples of data-explorer/kusto/query/mv-apply-operator.md (MicrosoftDocs/dataexplorer-docs) with the outputs
/// the reference prints, and the errors of what the engine does not support.
/// </summary>
public sealed class MvApplyReferenceTests
{
    private static string Cells(KqlResultTable table) =>
        string.Join(" / ", table.Rows.Select(r => string.Join(", ", r.Select(v => v?.ToString() ?? "null"))));

    private static string Names(KqlResultTable table) => string.Join(", ", table.Columns.Select(c => c.Name));

    // "Internal mv-expand done by mv-apply".
    [Fact]
    public void Internal_mv_expand_keeps_the_array_and_adds_the_named_element()
    {
        KqlResultTable result = TestData.Run("""
            let data = datatable (index: int, Arr: dynamic)
            [
                0, dynamic([7]),
                1, dynamic([6, 11, 7])
            ];
            data
            | mv-apply Arr2=Arr to typeof(long) on
                (
                   take 100
                )
            """);
        Assert.Equal("index, Arr, Arr2", Names(result));
        Assert.Equal(KqlScalarType.Long, result.Columns[2].Type);
        Assert.Equal("0, [7], 7 / 1, [6,11,7], 6 / 1, [6,11,7], 11 / 1, [6,11,7], 7", Cells(result));
    }

    // "Getting the largest element from the array".
    [Fact]
    public void Top_1_per_row_gives_the_largest_element()
    {
        KqlResultTable result = TestData.Run("""
            let data = datatable (index: int, Arr: dynamic)
            [
                0, dynamic([1, 5, 3]),
                1, dynamic([10, 2, 5, 7])
            ];
            data
            | mv-apply topElem=Arr to typeof(long) on
                (
                top 1 by topElem
                )
            """);
        Assert.Equal("index, Arr, topElem", Names(result));
        Assert.Equal("0, [1,5,3], 5 / 1, [10,2,5,7], 10", Cells(result));
    }

    // "Find top two elements in an array": the subquery's summarize result follows the row's columns.
    [Fact]
    public void Summarize_in_the_subquery_gives_one_row_per_input_row()
    {
        KqlResultTable result = TestData.Run("""
            let data = datatable (index: int, Arr: dynamic)
            [
                0, dynamic([5, 1, 3]),
                1, dynamic([4, 10, 8, 7])
            ];
            data
            | mv-apply Arr2=Arr to typeof(long) on
                (
                top 2 by Arr2
                | summarize Top2=make_list(Arr2)
                )
            """);
        Assert.Equal("index, Arr, Top2", Names(result));
        Assert.Equal("0, [5,1,3], [5,3] / 1, [4,10,8,7], [10,8]", Cells(result));
    }

    // "Select elements in arrays": two arrays expanded in parallel (the reference prints ["A2',"A1"] for ["A2","A1"]).
    [Fact]
    public void Two_arrays_expand_in_parallel()
    {
        KqlResultTable result = TestData.Run("""
            datatable (Val:int, Arr1:dynamic, Arr2:dynamic)
            [ 1, dynamic(['A1', 'A2', 'A3']),       dynamic([10, 30, 7]),
              7, dynamic(['B1', 'B2', 'B5']),       dynamic([15, 11, 50]),
              3, dynamic(['C1', 'C2', 'C3', 'C4']), dynamic([6, 40, 20, 8])
            ]
            | mv-apply NewArr1=Arr1, NewArr2=Arr2 to typeof(long) on (
             top 2 by NewArr2
             | summarize NewArr1=make_list(NewArr1), NewArr2=make_list(NewArr2)
            )
            """);
        Assert.Equal("Val, Arr1, Arr2, NewArr1, NewArr2", Names(result));
        Assert.Equal(
            """1, ["A1","A2","A3"], [10,30,7], ["A2","A1"], [30,10] / 7, ["B1","B2","B5"], [15,11,50], ["B5","B1"], [50,15] / 3, ["C1","C2","C3","C4"], [6,40,20,8], ["C2","C3"], [40,20]""",
            Cells(result));
    }

    // "Using with_itemindex for working with a subset of the array".
    [Fact]
    public void With_itemindex_adds_the_element_index()
    {
        KqlResultTable result = TestData.Run("""
            let data = datatable (row: int, Arr: dynamic)
            [
                0, dynamic([5, 1, 3]),
                1, dynamic([4, 10, 8, 7])
            ];
            data
            | mv-apply with_itemindex=index value=Arr to typeof(long) on
              (
                // here you have 'index' column
                where index >= 2
              )
            """);
        Assert.Equal("row, Arr, value, index", Names(result));
        Assert.Equal("0, [5,1,3], 3, 2 / 1, [4,10,8,7], 8, 2 / 1, [4,10,8,7], 7, 3", Cells(result));
    }

    // "Using multiple columns to join element of two arrays": the shorter array gives nulls (strcat of null is "").
    [Fact]
    public void Arrays_of_different_lengths_pad_with_null()
    {
        KqlResultTable result = TestData.Run("""
            datatable (Val: int, Arr1: dynamic, Arr2: dynamic)
            [
                1, dynamic(['A1', 'A2']), dynamic(['B1', 'B2', 'B3']),
                5, dynamic(['C1', 'C2']), dynamic(['D1'])
            ]
            | mv-apply T1=Arr1, T2=Arr2 on (
                extend Out = strcat(T1, "_", T2)
                | summarize Out= make_list(Out)
              )
            """);
        Assert.Equal("Val, Arr1, Arr2, Out", Names(result));
        Assert.Equal("""1, ["A1","A2"], ["B1","B2","B3"], ["A1_B1","A2_B2","_B3"] / 5, ["C1","C2"], ["D1"], ["C1_D1","C2_"]""", Cells(result));
    }

    // "Applying mv-apply to a property bag": the subquery reads the row's other columns (Pack) too.
    [Fact]
    public void The_subquery_sees_the_rows_other_columns()
    {
        KqlResultTable result = TestData.Run("""
            datatable(Source: string, Target: string, Count: long)
            [
                '555-1234', '555-1212', 46,
                '555-2424', '', int(null)
            ]
            | extend Pack = pack_all()
            | mv-apply removeProperties = Pack on
                (
                mv-expand kind = array Pack
                | where Pack[1] !startswith "555"
                | summarize propsToRemove = make_set(Pack[0])
                )
            | extend values = bag_remove_keys(Pack, propsToRemove)
            | project-away propsToRemove
            """);
        Assert.Equal("Source, Target, Count, Pack, values", Names(result));
        Assert.Equal("""{"Source":"555-1234","Target":"555-1212"}""", result.Rows[0][4]!.ToString());
        Assert.Equal("""{"Source":"555-2424"}""", result.Rows[1][4]!.ToString());
    }

    // An unnamed column is replaced by its elements (the parameter table: "the input column is removed").
    [Fact]
    public void An_expanded_column_is_replaced_by_its_elements()
    {
        KqlResultTable result = TestData.Run("""
            datatable (Id: long, Tags: dynamic) [1, dynamic(['a', 'b']), 2, dynamic(['c'])]
            | mv-apply Tags on (where Tags != 'b')
            """);
        Assert.Equal("Id, Tags", Names(result));
        Assert.Equal("1, a / 2, c", Cells(result));
    }

    [Fact]
    public void Bag_expansion_is_not_supported_and_named()
    {
        var ex = Assert.Throws<KqlEngineException>(() => TestData.Run("print d = dynamic({'a': 1}) | mv-apply kind=array d on (take 1)"));
        Assert.Contains("unsupported operator 'mv-apply kind='", ex.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_subquery_is_an_error_naming_the_operator()
    {
        var ex = Assert.Throws<KqlEngineException>(() => TestData.Run("print d = dynamic([1]) | mv-apply d"));
        Assert.Contains("'mv-apply' needs", ex.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void The_results_count_against_the_row_budget()
    {
        const string Query = "range i from 1 to 100 step 1 | extend a = range(1, 100, 1) | mv-apply a on (where a > 0)";
        var ex = Assert.Throws<KqlEngineException>(() => KqlEvaluator.Execute(Query, TestData.Dataset, new EngineOptions { Now = TestData.Now, MaxWorkingRows = 1_000 }));
        Assert.Contains("EngineOptions.MaxWorkingRows", ex.Message, System.StringComparison.Ordinal);
    }
}
