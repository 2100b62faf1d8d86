using System.Collections.Generic;
using System.Linq;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.KqlEngine;

/// <summary>The summarize aggregate percentiles(), as one percentile() per percentage.</summary>
internal sealed partial class Evaluator
{
    /// <summary>
    /// <c>percentiles(X, p1, p2, ...)</c> is one <c>percentile(X, p)</c> per percentage, each its own column
    /// (percentile_X_p1, ...); named, it takes one percentage (<c>P = percentiles(X, 95)</c>), or one name per percentage
    /// (<c>(P5, P95) = percentiles(X, 5, 95)</c>).
    /// </summary>
    private IEnumerable<Expr> ExpandPercentiles(Expr item)
    {
        (List<NameExpr>? names, Expr value) = item is AssignExpr a ? (a.Names, a.Value) : (null, item);
        if (value is not CallExpr { Name.Name: "percentiles" } call)
        {
            return [item];
        }

        if (call.Args.Count < 2 || (names is not null && names.Count != call.Args.Count - 1))
        {
            throw Error(call, "'percentiles' takes a value and at least one percentage, and a name for each percentage when named.");
        }

        return call.Args.Skip(1).Select((percent, k) =>
        {
            Expr one = new CallExpr(new NameExpr("percentile", call.Name.Start, call.Name.End), [call.Args[0], percent]) { Start = call.Start, End = call.End };
            return names is null ? one : new AssignExpr([names[k]], one) { Start = item.Start, End = item.End };
        });
    }
}
