using System;
using System.Collections.Generic;

namespace Defender365Typed.KqlFrontEnd;

/// <summary>What a parameter accepts: Kusto.Language's ParameterTypeKind (Declared = the listed types).</summary>
public enum KqlParameterKind : byte
{
    Any,
    Declared,
    Scalar,
    Integer,
    RealOrDecimal,
    StringOrDynamic,
    StringOrArray,
    IntegerOrArray,
    DynamicArray,
    DynamicBag,
    Number,
    NumberOrBool,
    Summable,
    Orderable,
    NotRealOrBool,
    NotDynamic,
    NotBool,
    CommonScalar,
    CommonNumber,
    CommonSummable,
    CommonOrderable,
    CommonScalarOrDynamic,
    Tabular,
}

/// <summary>How a signature's result type follows from its arguments (Kusto.Language's ReturnTypeKind).</summary>
public enum KqlReturnKind : byte
{
    /// <summary>Computed by Kusto.Language code: not modelled, the result is unknown.</summary>
    Unknown,
    Declared,
    Argument0,
    Argument1,
    Argument2,
    LastArgument,
    /// <summary>Argument 0's type, int promoted to long (sum).</summary>
    Argument0Promoted,
    /// <summary>An array of argument 0: dynamic (make_set, make_list).</summary>
    Argument0Array,
    /// <summary>The common type of the Common* arguments (iff, case, coalesce).</summary>
    Common,
    /// <summary>The widest numeric argument (bin over numbers).</summary>
    Widest,
}

/// <summary>One parameter of a signature: what it accepts and how often it occurs.</summary>
public sealed class KqlParameter
{
    internal KqlParameter(KqlParameterKind kind, int accepted, int minOccurring, int maxOccurring)
    {
        Kind = kind;
        Accepted = accepted;
        MinOccurring = minOccurring;
        MaxOccurring = maxOccurring;
    }

    public KqlParameterKind Kind { get; }

    /// <summary>Bit set of the judged types (1 &lt;&lt; KqlScalarType) an argument may have.</summary>
    internal int Accepted { get; }

    public int MinOccurring { get; }

    public int MaxOccurring { get; }

    public bool IsCommon => Kind is KqlParameterKind.CommonScalar or KqlParameterKind.CommonNumber or KqlParameterKind.CommonSummable or KqlParameterKind.CommonOrderable;

    /// <summary>Whether an argument of type <paramref name="t"/> fits; unknown and dynamic always do (conservative).</summary>
    public bool Accepts(KqlScalarType t) => !KqlScalarTypes.IsJudged(t) || (Accepted & (1 << (int)t)) != 0;
}

/// <summary>One overload of a built-in function, as Kusto.Language declares it (FunctionCatalog.Signatures.cs).</summary>
public sealed class KqlSignature
{
    private const int Many = int.MaxValue;

    internal KqlSignature(KqlParameter[] parameters, KqlReturnKind returnKind, KqlScalarType returnType)
    {
        Parameters = parameters;
        ReturnKind = returnKind;
        ReturnType = returnType;
        long min = 0, max = 0;
        foreach (var p in parameters)
        {
            min += p.MinOccurring;
            max += p.MaxOccurring;
        }

        MinArgs = (int)Math.Min(min, Many);
        MaxArgs = (int)Math.Min(max, Many);
        _layout = Layout(parameters);
    }

    private readonly (bool Modelled, int BlockFirst, int BlockSize, int Trailing) _layout;

    public IReadOnlyList<KqlParameter> Parameters { get; }

    public KqlReturnKind ReturnKind { get; }

    /// <summary>For <see cref="KqlReturnKind.Declared"/>: the declared result.</summary>
    public KqlScalarType ReturnType { get; }

    public int MinArgs { get; }

    public int MaxArgs { get; }

    /// <summary>
    /// Whether a call with <paramref name="count"/> arguments fits: within the arity, and when the signature repeats a
    /// block of parameters (pack's name/value pairs, case's predicate/value pairs), a whole number of blocks.
    /// </summary>
    public bool Takes(int count)
    {
        if (count < MinArgs || count > MaxArgs)
        {
            return false;
        }

        var layout = _layout;
        if (layout.BlockFirst < 0 || !layout.Modelled)
        {
            return true;
        }

        var middle = count - layout.BlockFirst - layout.Trailing;
        return middle >= 0 && middle % layout.BlockSize == 0;
    }

    /// <summary>
    /// The parameter argument <paramref name="index"/> of <paramref name="count"/> binds to, for a count the signature
    /// <see cref="Takes"/> and a modelled layout: fixed parameters, trailing optional ones, and one block of repeatable
    /// parameters (strcat's values, pack's name/value pairs, case's predicate/value pairs) between fixed ones.
    /// </summary>
    public KqlParameter ParameterAt(int count, int index)
    {
        var ps = (KqlParameter[])Parameters;
        var layout = _layout;
        if (layout.BlockFirst < 0 || index < layout.BlockFirst)
        {
            return ps[index];
        }

        var trailingFrom = count - layout.Trailing;
        return index >= trailingFrom
            ? ps[layout.BlockFirst + layout.BlockSize + (index - trailingFrom)]
            : ps[layout.BlockFirst + ((index - layout.BlockFirst) % layout.BlockSize)];
    }

    private static (bool Modelled, int BlockFirst, int BlockSize, int Trailing) Layout(KqlParameter[] ps)
    {
        int first = -1, last = -1;
        for (var i = 0; i < ps.Length; i++)
        {
            if (ps[i].MaxOccurring > 1)
            {
                first = first < 0 ? i : first;
                last = i;
            }
        }

        if (first < 0)
        {
            // fixed parameters, optional ones only at the end
            for (var i = 0; i < ps.Length; i++)
            {
                if (ps[i].MinOccurring == 0 && HasRequiredAfter(ps, i))
                {
                    return (false, -1, 0, 0);
                }
            }

            return (true, -1, 0, 0);
        }

        for (var i = 0; i < ps.Length; i++)
        {
            var inBlock = i >= first && i <= last;
            if ((inBlock && ps[i].MaxOccurring <= 1) || (!inBlock && ps[i].MinOccurring != 1))
            {
                return (false, first, 0, 0);
            }
        }

        return (true, first, last - first + 1, ps.Length - last - 1);
    }

    /// <summary>The index of the first argument this signature rejects; -1 when it takes them all (or is not judged).</summary>
    public int FirstRejected(KqlScalarType[] args)
    {
        if (!_layout.Modelled || !Takes(args.Length))
        {
            return -1;
        }

        var common = KqlScalarType.Unknown;
        for (var i = 0; i < args.Length; i++)
        {
            var p = ParameterAt(args.Length, i);
            if (!p.Accepts(args[i]))
            {
                return i;
            }

            if (p.IsCommon && KqlScalarTypes.IsJudged(args[i]))
            {
                // Kusto.Language: the Common* arguments must share a type (numbers widen to each other).
                if (common != KqlScalarType.Unknown && CommonOf(common, args[i]) == KqlScalarType.Unknown)
                {
                    return i;
                }

                common = common == KqlScalarType.Unknown ? args[i] : CommonOf(common, args[i]);
            }
        }

        return -1;
    }

    public KqlScalarType ResultType(KqlScalarType[] args)
    {
        switch (ReturnKind)
        {
            case KqlReturnKind.Declared:
                return ReturnType;
            case KqlReturnKind.Argument0:
                return args.Length > 0 ? args[0] : KqlScalarType.Unknown;
            case KqlReturnKind.Argument1:
                return args.Length > 1 ? args[1] : KqlScalarType.Unknown;
            case KqlReturnKind.Argument2:
                return args.Length > 2 ? args[2] : KqlScalarType.Unknown;
            case KqlReturnKind.LastArgument:
                return args.Length > 0 ? args[args.Length - 1] : KqlScalarType.Unknown;
            case KqlReturnKind.Argument0Promoted:
                return args.Length == 0 ? KqlScalarType.Unknown : args[0] == KqlScalarType.Int ? KqlScalarType.Long : args[0];
            case KqlReturnKind.Argument0Array:
                return KqlScalarType.Dynamic;
            case KqlReturnKind.Widest:
            {
                var t = args.Length > 0 ? args[0] : KqlScalarType.Unknown;
                for (var i = 1; i < args.Length; i++)
                {
                    t = KqlScalarTypes.Widest(t, args[i]);
                }

                return t;
            }

            case KqlReturnKind.Common:
            {
                if (!_layout.Modelled)
                {
                    return KqlScalarType.Unknown;
                }

                var t = KqlScalarType.Unknown;
                var first = true;
                for (var i = 0; i < args.Length; i++)
                {
                    var p = ParameterAt(args.Length, i);
                    if (p.Kind is KqlParameterKind.CommonScalarOrDynamic || p.IsCommon)
                    {
                        t = first ? args[i] : CommonOf(t, args[i]);
                        first = false;
                    }
                }

                return t;
            }

            default:
                return KqlScalarType.Unknown;
        }
    }

    /// <summary>The type two values share: equal types, or the wider of two numbers; else unknown.</summary>
    internal static KqlScalarType CommonOf(KqlScalarType a, KqlScalarType b) =>
        a == b ? a : KqlScalarTypes.IsNumeric(a) && KqlScalarTypes.IsNumeric(b) ? KqlScalarTypes.Widest(a, b) : KqlScalarType.Unknown;

    private static bool HasRequiredAfter(KqlParameter[] ps, int i)
    {
        for (var j = i + 1; j < ps.Length; j++)
        {
            if (ps[j].MinOccurring > 0)
            {
                return true;
            }
        }

        return false;
    }
}
