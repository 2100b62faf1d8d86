namespace Defender365Typed.KqlEngine.Tests.Reference;

/// <summary>
/// The array, bag, set and JSON functions against the examples of Microsoft's KQL reference
/// (MicrosoftDocs/dataexplorer-docs, data-explorer/kusto/query/&lt;name&gt;-function.md), outputs as printed there.
/// </summary>
public sealed class DynamicReferenceTests
{
    // pack-array-function.md, both examples.
    [Fact]
    public void Pack_array_of_numbers() => DocsTable.AssertOutput(
        """
        range x from 1 to 3 step 1
        | extend y = x * 2
        | extend z = y * 2
        | project pack_array(x, y, z)
        """,
        """
        |Column1|
        |---|
        |[1,2,4]|
        |[2,4,8]|
        |[3,6,12]|
        """);

    [Fact]
    public void Pack_array_of_mixed_types() => DocsTable.AssertOutput(
        """
        range x from 1 to 3 step 1
        | extend y = tostring(x * 2)
        | extend z = (x * 2) * 1s
        | project pack_array(x, y, z)
        """,
        """
        |Column1|
        |---|
        |[1,"2","00:00:02"]|
        |[2,"4","00:00:04"]|
        |[3,"6","00:00:06"]|
        """);

    // array-concat-function.md, "Example".
    [Fact]
    public void Array_concat() => DocsTable.AssertOutput(
        """
        range x from 1 to 3 step 1
        | extend y = x * 2
        | extend z = y * 2
        | extend a1 = pack_array(x,y,z), a2 = pack_array(x, y)
        | project array_concat(a1, a2)
        """,
        """
        |Column1|
        |---|
        |[1,2,4,1,2]|
        |[2,4,8,2,4]|
        |[3,6,12,3,6]|
        """);

    // array-slice-function.md, the three examples.
    [Theory]
    [InlineData("dynamic([1,2,3])", "1, 2", "[2,3]")]
    [InlineData("dynamic([1,2,3,4,5])", "2, -1", "[3,4,5]")]
    [InlineData("dynamic([1,2,3,4,5])", "-3, -2", "[3,4]")]
    public void Array_slice(string array, string bounds, string sliced) => DocsTable.AssertOutput(
        $"print arr={array}\n| extend sliced=array_slice(arr, {bounds})",
        $"|arr|sliced|\n|---|---|\n|{array[8..^1]}|{sliced}|");

    // array-index-of-function.md, "Examples": start, length, occurrence and a negative start.
    [Fact]
    public void Array_index_of() => DocsTable.AssertOutput(
        """
        let arr=dynamic(["this", "is", "an", "example", "an", "example"]);
        print
         idx1 = array_index_of(arr,"an")    // lookup found in input string
         , idx2 = array_index_of(arr,"example",1,3) // lookup found in researched range
         , idx3 = array_index_of(arr,"example",1,2) // search starts from index 1, but stops after 2 values, so lookup can't be found
         , idx4 = array_index_of(arr,"is",2,4) // search starts after occurrence of lookup
         , idx5 = array_index_of(arr,"example",2,-1)  // lookup found
         , idx6 = array_index_of(arr, "an", 1, -1, 2)   // second occurrence found in input range
         , idx7 = array_index_of(arr, "an", 1, -1, 3)   // no third occurrence in input array
         , idx8 = array_index_of(arr, "an", -3)   // negative start index will look at last 3 elements
         , idx9 = array_index_of(arr, "is", -4)   // negative start index will look at last 3 elements
        """,
        """
        |idx1|idx2|idx3|idx4|idx5|idx6|idx7|idx8|idx9|
        |----|----|----|----|----|----|----|----|----|
        |2   |3   |-1  |-1   |3   |4   |-1  |4  |-1  |
        """);

    // array-reverse-function.md, "Examples".
    [Fact]
    public void Array_reverse() => DocsTable.AssertOutput(
        """
        print arr=dynamic(["this", "is", "an", "example"])
        | project Result=array_reverse(arr)
        """,
        """
        |Result|
        |---|
        |["example","an","is","this"]|
        """);

    // array-sort-asc-function.md, "Example 1 - Sorting two arrays": one column per array, named <array>_sorted.
    [Fact]
    public void Array_sort_asc_sorts_two_arrays_into_two_columns() => DocsTable.AssertOutput(
        """
        let array1 = dynamic([1,3,4,5,2]);
        let array2 = dynamic(["a","b","c","d","e"]);
        print array_sort_asc(array1,array2)
        """,
        """
        |array1_sorted|array2_sorted|
        |---|---|
        |[1,2,3,4,5]|["a","e","b","c","d"]|
        """);

    // array-sort-asc-function.md, "Example 2 - Sorting substrings".
    [Fact]
    public void Array_sort_asc_of_split_substrings() => DocsTable.AssertOutput(
        """
        let Names = "John,Paul,George,Ringo";
        let SortedNames = strcat_array(array_sort_asc(split(Names, ",")), ",");
        print result = SortedNames
        """,
        """
        |result|
        |---|
        |George,John,Paul,Ringo|
        """);

    // array-sort-asc-function.md, "Example 3 - Combining summarize and array_sort_asc" ([1] is the second array).
    [Fact]
    public void Array_sort_asc_orders_a_second_array_by_the_first() => DocsTable.AssertOutput(
        """
        datatable(command:string, command_time:datetime, user_id:string)
        [
            'chmod',   datetime(2019-07-15),   "user1",
            'ls',      datetime(2019-07-02),   "user1",
            'dir',     datetime(2019-07-22),   "user1",
            'mkdir',   datetime(2019-07-14),   "user1",
            'rm',      datetime(2019-07-27),   "user1",
            'pwd',     datetime(2019-07-25),   "user1",
            'rm',      datetime(2019-07-23),   "user2",
            'pwd',     datetime(2019-07-25),   "user2",
        ]
        | summarize timestamps = make_list(command_time), commands = make_list(command) by user_id
        | project user_id, commands_in_chronological_order = array_sort_asc(timestamps, commands)[1]
        """,
        """
        |user_id|commands_in_chronological_order|
        |---|---|
        |user1|[<br>  "ls",<br>  "mkdir",<br>  "chmod",<br>  "dir",<br>  "pwd",<br>  "rm"<br>]|
        |user2|[<br>  "rm",<br>  "pwd"<br>]|
        """);

    // array-sort-asc-function.md, "Example 4 - Controlling location of null values": last by default, first with false.
    [Theory]
    [InlineData("", "[\"blue\",\"green\",\"yellow\",null,null]")]
    [InlineData(", false", "[null,null,\"blue\",\"green\",\"yellow\"]")]
    public void Array_sort_asc_places_nulls(string nullsLast, string sorted) => DocsTable.AssertOutput(
        $"print x = array_sort_asc(dynamic([null,\"blue\",\"yellow\",\"green\",null]){nullsLast})",
        $"|x|\n|---|\n|{sorted}|");

    // bag-keys-function.md, "Example": non-bags give null, {} gives [].
    [Fact]
    public void Bag_keys() => DocsTable.AssertOutput(
        """
        datatable(index:long, d:dynamic) [
            1, dynamic({'a':'b', 'c':123}),
            2, dynamic({'a':'b', 'c':{'d':123}}),
            3, dynamic({'a':'b', 'c':[{'d':123}]}),
            4, dynamic(null),
            5, dynamic({}),
            6, dynamic('a'),
            7, dynamic([])
        ]
        | extend keys = bag_keys(d)
        """,
        """
        |index|d|keys|
        |---|---|---|
        |1|{<br>  "a": "b",<br>  "c": 123<br>}|[<br>  "a",<br>  "c"<br>]|
        |2|{<br>  "a": "b",<br>  "c": {<br>    "d": 123<br>  }<br>}|[<br>  "a",<br>  "c"<br>]|
        |3|{<br>  "a": "b",<br>  "c": [<br>    {<br>      "d": 123<br>    }<br>  ]<br>}|[<br>  "a",<br>  "c"<br>]|
        |4|||
        |5|{}|[]|
        |6|a||
        |7|[]||
        """);

    // bag-merge-function.md: a key in several bags keeps one of its values (the engine: the first).
    [Fact]
    public void Bag_merge() => DocsTable.AssertOutput(
        "print result = bag_merge(dynamic({ 'A1':12, 'B1':2, 'C1':3}), dynamic({ 'A2':81, 'B2':82, 'A1':1}))",
        """
        |result|
        |---|
        |{ "A1": 12, "B1": 2, "C1": 3, "A2": 81, "B2": 82 }|
        """);

    // bag-remove-keys-function.md, "Examples" and "Remove inner properties of dynamic values using JSONPath notation".
    [Fact]
    public void Bag_remove_keys() => DocsTable.AssertOutput(
        """
        datatable(input:dynamic)
        [
            dynamic({'key1' : 123,     'key2': 'abc'}),
            dynamic({'key1' : 'value', 'key3': 42.0}),
        ]
        | extend result=bag_remove_keys(input, dynamic(['key2', 'key4']))
        """,
        """
        |input|result|
        |---|---|
        |{<br>  "key1": 123,<br>  "key2": "abc"<br>}|{<br>  "key1": 123<br>}|
        |{<br>  "key1": "value",<br>  "key3": 42.0<br>}|{<br>  "key1": "value",<br>  "key3": 42.0<br>}|
        """);

    [Fact]
    public void Bag_remove_keys_with_a_json_path() => DocsTable.AssertOutput(
        """
        datatable(input:dynamic)
        [
            dynamic({'key1': 123, 'key2': {'prop1' : 'abc', 'prop2': 'xyz'}, 'key3': [100, 200]}),
        ]
        | extend result=bag_remove_keys(input, dynamic(['$.key2.prop1', 'key3']))
        """,
        """
        |input|result|
        |---|---|
        |{<br>  "key1": 123,<br>  "key2": {<br>    "prop1": "abc",<br>    "prop2": "xyz"<br>  },<br>  "key3": [<br>    100,<br>    200<br>  ]<br>}|{<br>  "key1": 123,<br>  "key2": {<br>    "prop2": "xyz"<br>  }<br>}|
        """);

    // array-sum-function.md, "Example".
    [Fact]
    public void Array_sum() => DocsTable.AssertOutput(
        "print arr=dynamic([1,2,3,4])\n| extend arr_sum=array_sum(arr)",
        "|`arr`|`arr_sum`|\n|---|---|\n|[1,2,3,4]|10|");

    // bag-has-key-function.md, both examples (a top-level key, and a JSONPath to a nested one).
    [Fact]
    public void Bag_has_key() => DocsTable.AssertOutput(
        """
        datatable(input: dynamic)
        [
            dynamic({'key1' : 123, 'key2': 'abc'}),
            dynamic({'key1' : 123, 'key3': 'abc'}),
        ]
        | extend result = bag_has_key(input, 'key2')
        """,
        """
        |input|result|
        |---|---|
        |{<br>  "key1": 123,<br>  "key2": "abc"<br>}|true|
        |{<br>  "key1": 123,<br>  "key3": "abc"<br>}|false|
        """);

    [Fact]
    public void Bag_has_key_with_a_json_path() => Assert.Equal(
        true,
        DocsTable.Run("""
            datatable(input: dynamic)
            [
                dynamic({'key1': 123, 'key2': {'prop1' : 'abc', 'prop2': 'xyz'}, 'key3': [100, 200]}),
            ]
            | extend result = bag_has_key(input, '$.key2.prop1')
            """).Rows[0][1]);

    // set-union-function.md, "Set from multiple dynamic array" and "Set from one dynamic array".
    [Fact]
    public void Set_union_of_several_arrays() => DocsTable.AssertOutput(
        """
        range x from 1 to 3 step 1
        | extend y = x * 2
        | extend z = y * 2
        | extend w = z * 2
        | extend a1 = pack_array(x,y,x,z), a2 = pack_array(x, y), a3 = pack_array(w)
        | project a1,a2,a3,Out=set_union(a1, a2, a3)
        """,
        """
        |a1|a2|a3|`Out`|
        |---|---|---|---|
        |[1,2,1,4]|[1,2]|[8]|[1,2,4,8]|
        |[2,4,2,8]|[2,4]|[16]|[2,4,8,16]|
        |[3,6,3,12]|[3,6]|[24]|[3,6,12,24]|
        """);

    [Fact]
    public void Set_union_of_one_array_drops_duplicates() => DocsTable.AssertOutput(
        """
        datatable (Arr1: dynamic)
        [
            dynamic(['A4', 'A2', 'A7', 'A2']),
            dynamic(['C4', 'C7', 'C1', 'C4'])
        ]
        | extend Out=set_union(Arr1, Arr1)
        """,
        """
        |Arr1|`Out`|
        |---|---|
        |["A4","A2","A7","A2"]|["A4","A2","A7"]|
        |["C4","C7","C1","C4"]|["C4","C7","C1"]|
        """);

    // set-difference-function.md and set-intersect-function.md, "Example" (both tables of each).
    private const string ThreeArrays = """
        range x from 1 to 3 step 1
        | extend y = x * 2
        | extend z = y * 2
        | extend w = z * 2

        """;

    [Fact]
    public void Set_difference() => DocsTable.AssertOutput(
        ThreeArrays + "| extend a1 = pack_array(x,y,x,z), a2 = pack_array(x, y), a3 = pack_array(x,y,w)\n| project set_difference(a1, a2, a3)",
        "|Column1|\n|---|\n|[4]|\n|[8]|\n|[12]|");

    [Fact]
    public void Set_intersect() => DocsTable.AssertOutput(
        ThreeArrays + "| extend a1 = pack_array(x,y,x,z), a2 = pack_array(x, y), a3 = pack_array(w,x)\n| project set_intersect(a1, a2, a3)",
        "|Column1|\n|---|\n|[1]|\n|[2]|\n|[3]|");

    [Theory]
    [InlineData("set_difference(dynamic([1,2,3]), dynamic([1,2,3]))")]
    [InlineData("set_intersect(dynamic([1, 2, 3]), dynamic([4,5]))")]
    public void Set_functions_can_be_empty(string expression) => DocsTable.AssertOutput("print arr = " + expression, "|arr|\n|---|\n|[]|");

    // zip-function.md, the three examples (a shorter array is padded with null).
    [Theory]
    [InlineData("zip(dynamic([1,3,5]), dynamic([2,4,6]))", "[[1,2],[3,4],[5,6]]")]
    [InlineData("zip(dynamic([\"A\", 1, 1.5]), dynamic([{}, \"B\"]))", "[[\"A\",{}], [1,\"B\"], [1.5, null]]")]
    public void Zip(string expression, string zipped) => DocsTable.AssertOutput("print x = " + expression, $"|x|\n|--|\n|{zipped}|");

    [Fact]
    public void Zip_of_make_lists() => DocsTable.AssertOutput(
        """
        datatable(a:int, b:string) [1,"one",2,"two",3,"three"]
        | summarize a = make_list(a), b = make_list(b)
        | project zip(a, b)
        """,
        """
        |Column1|
        |--|
        |[[1,"one"],[2,"two"],[3,"three"]]|
        """);

    // strcat-array-function.md, "Custom delimeter" and "Using quotes as the delimeter".
    [Theory]
    [InlineData("\"->\"", "1->2->3")]
    [InlineData("'\"'", "1\"2\"3")]
    public void Strcat_array(string delimiter, string joined) =>
        Assert.Equal(joined, DocsTable.Print($"strcat_array(dynamic([1, 2, 3]), {delimiter})"));

    // split-function.md, "Examples" (print_0 ... print4 in the reference; the engine names them Column1 ... Column5).
    [Theory]
    [InlineData("split(\"aa_bb\", \"_\")", "[\"aa\",\"bb\"]")]
    [InlineData("split(\"aaa_bbb_ccc\", \"_\", 1)", "[\"bbb\"]")]
    [InlineData("split(\"\", \"_\")", "[\"\"]")]
    [InlineData("split(\"a__b\", \"_\")", "[\"a\",\"\",\"b\"]")]
    [InlineData("split(\"aabbcc\", \"bb\")", "[\"aa\",\"cc\"]")]
    public void Split(string expression, string parts) => DocsTable.AssertOutput("print x = " + expression, $"|x|\n|--|\n|{parts}|");

    // parse-json-function.md, "Duration metrics parsing" (the JSON's 118.0 is the number 118).
    [Fact]
    public void Parse_json_reads_nested_members() => DocsTable.AssertOutput(
        """
        datatable(context_custom_metrics:string)
        [
            '{"duration":{"value":118.0,"count":5.0,"min":100.0,"max":150.0,"stdDev":0.0,"sampledValue":118.0,"sum":118.0}}'
        ]
        | extend d = parse_json(context_custom_metrics)
        | extend duration_value = d.duration.value, duration_min = d.duration.min
        """,
        """
        | context_custom_metrics | d | duration_value | duration_min |
        |--|--|--|--|
        | {"duration":{"value":118.0,"count":5.0,"min":100.0,"max":150.0,"stdDev":0.0,"sampledValue":118.0,"sum":118.0}} | {"duration":{"value":118,"count":5,"min":100,"max":150,"stdDev":0,"sampledValue":118,"sum":118}} | 118 | 100 |
        """);

    // parse-json-function.md, "Nested JSON parsing": the string member needs tostring before the second parse_json.
    [Fact]
    public void Parse_json_of_a_nested_json_string()
    {
        const string Let = """let d='{"a":123, "b":"{\\"c\\":456}"}';""";
        Assert.Equal("""{"a":123, "b":"{\"c\":456}"}""", DocsTable.Run(Let + "\nprint d").Rows[0][0]);
        DocsTable.AssertOutput(Let + "\nprint d_b_c=parse_json(tostring(parse_json(d).b)).c", "| d_b_c |\n|--|\n| 456 |");
    }

    // extract-json-function.md, "Example" (and extractjson, its documented equivalent).
    [Theory]
    [InlineData("extract_json")]
    [InlineData("extractjson")]
    public void Extract_json(string function) => Assert.Equal(
        "John",
        DocsTable.Run($$"""
            let json = '{"name": "John", "age": 30, "city": "New York"}';
            print {{function}}("$.name", json, typeof(string));
            """).Rows[0][0]);
}
