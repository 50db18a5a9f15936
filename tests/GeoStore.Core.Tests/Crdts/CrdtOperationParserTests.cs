using System.Text.Json;
using GeoStore.Core.Crdts;
using Shouldly;

namespace GeoStore.Core.Tests.Crdts;

public sealed class CrdtOperationParserTests
{
    private static CrdtOperation Parsed(string json, CrdtType type)
    {
        CrdtOperationParser.TryParse(Json(json), type, out var operation, out var error).ShouldBeTrue(error);
        return operation;
    }

    private static string Refused(string json, CrdtType type)
    {
        CrdtOperationParser.TryParse(Json(json), type, out var operation, out var error).ShouldBeFalse();
        operation.ShouldBeNull();
        return error;
    }

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Fact]
    public void Increment_reads_by_and_defaults_it_to_one()
    {
        Parsed("""{"op":"increment","by":5}""", CrdtType.PnCounter).ShouldBe(CrdtOperation.Increment(5));
        Parsed("""{"op":"increment"}""", CrdtType.PnCounter).ShouldBe(CrdtOperation.Increment());
        Parsed("""{"op":"decrement","by":9223372036854775807}""", CrdtType.PnCounter).ShouldBe(CrdtOperation.Decrement(long.MaxValue));
    }

    [Theory]
    [InlineData("""{"op":"increment","by":0}""", "positive whole number")]
    [InlineData("""{"op":"increment","by":-3}""", "got -3")]
    [InlineData("""{"op":"decrement","by":1.5}""", "got 1.5")]
    [InlineData("""{"op":"increment","by":"5"}""", "positive whole number")]
    [InlineData("""{"op":"increment","by":null}""", "got null")]
    [InlineData("""{"op":"increment","by":9223372036854775808}""", "no greater than 9223372036854775807")]
    public void A_counter_step_that_is_not_a_positive_whole_number_is_refused(string json, string expected) =>
        Refused(json, CrdtType.PnCounter).ShouldContain(expected);

    [Fact]
    public void An_operation_of_another_type_is_refused_with_the_operations_this_type_takes()
    {
        Refused("""{"op":"add","elements":["a"]}""", CrdtType.PnCounter)
            .ShouldBe("'add' is not an operation on a key of type PnCounter, which takes 'increment' or 'decrement'.");
        Refused("""{"op":"increment"}""", CrdtType.Map).ShouldContain("'update' or 'removeField'");
        Refused("""{"op":"explode"}""", CrdtType.OrSet).ShouldContain("'explode' is not an operation on a key of type OrSet");
    }

    [Fact]
    public void Set_elements_are_read_deduplicated_in_ordinal_order() =>
        Parsed("""{"op":"add","elements":["b","a","b","É"]}""", CrdtType.OrSet).Elements.ShouldBe(["a", "b", "É"]);

    [Theory]
    [InlineData("""{"op":"add"}""", "needs 'elements'")]
    [InlineData("""{"op":"add","elements":[]}""", "1 to 1000 elements; it holds 0")]
    [InlineData("""{"op":"remove","elements":"a"}""", "needs 'elements'")]
    [InlineData("""{"op":"add","elements":["a",7]}""", "Element 1 is a number")]
    [InlineData("""{"op":"add","elements":["\ud800"]}""", "not valid Unicode")]
    public void Malformed_set_elements_are_refused(string json, string expected) =>
        Refused(json, CrdtType.OrSet).ShouldContain(expected);

    [Fact]
    public void Set_elements_longer_than_1024_characters_or_more_than_1000_are_refused()
    {
        Parsed(JsonSerializer.Serialize(new { op = "add", elements = new[] { new string('x', 1024) } }), CrdtType.OrSet);
        Refused(JsonSerializer.Serialize(new { op = "add", elements = new[] { "a", new string('x', 1025) } }), CrdtType.OrSet)
            .ShouldBe("Element 1 is 1025 characters long; the limit is 1024.");
        Refused(JsonSerializer.Serialize(new { op = "add", elements = Enumerable.Range(0, 1001).Select(i => $"e{i}") }), CrdtType.OrSet)
            .ShouldContain("it holds 1001");
    }

    [Fact]
    public void An_assigned_value_is_kept_as_compact_json_of_any_kind()
    {
        Parsed("""{"op":"assign","value": { "any" : [1, "ü", null] }}""", CrdtType.LwwRegister).Value.ShouldBe("""{"any":[1,"ü",null]}""");
        Parsed("""{"op":"assign","value":null}""", CrdtType.MvRegister).Value.ShouldBe("null");
        Parsed("""{"op":"assign","value":"blue"}""", CrdtType.LwwRegister).Value.ShouldBe("\"blue\"");
    }

    [Fact]
    public void An_assignment_without_a_value_or_with_repeated_names_is_refused()
    {
        Refused("""{"op":"assign"}""", CrdtType.LwwRegister).ShouldContain("needs a 'value'");
        Refused("""{"op":"assign","value":{"a":1,"a":2}}""", CrdtType.LwwRegister).ShouldContain("'a' twice");
    }

    [Fact]
    public void A_map_update_carries_one_field_operation()
    {
        Parsed("""{"op":"update","field":"likes","operation":{"op":"increment"}}""", CrdtType.Map)
            .ShouldBe(CrdtOperation.Update("likes", CrdtOperation.Increment()));
        Parsed("""{"op":"update","field":"tags","operation":{"op":"add","elements":["x"]}}""", CrdtType.Map)
            .ShouldBe(CrdtOperation.Update("tags", CrdtOperation.Add("x")));
        Parsed("""{"op":"removeField","field":"likes"}""", CrdtType.Map).ShouldBe(CrdtOperation.RemoveField("likes"));
    }

    [Theory]
    [InlineData("""{"op":"update","field":"a","operation":{"op":"update","field":"b","operation":{"op":"increment"}}}""", "Maps nest one level")]
    [InlineData("""{"op":"update","field":"a","operation":{"op":"removeField","field":"b"}}""", "Maps nest one level")]
    [InlineData("""{"op":"update","field":"a","operation":{"op":"fly"}}""", "'fly' is not an operation on a map field")]
    [InlineData("""{"op":"update","field":"a","operation":{"op":"increment","by":-1}}""", "In 'operation': 'by' must be a positive whole number")]
    [InlineData("""{"op":"update","field":"a","operation":{"op":"add","elements":[]}}""", "In 'operation': 'elements' must hold 1 to 1000")]
    [InlineData("""{"op":"update","field":"a"}""", "needs an 'operation'")]
    [InlineData("""{"op":"update","field":"a","operation":[]}""", "In 'operation': An operation is a JSON object")]
    public void A_field_operation_must_be_a_counter_set_or_register_operation(string json, string expected) =>
        Refused(json, CrdtType.Map).ShouldContain(expected);

    [Theory]
    [InlineData("""{"op":"removeField"}""", "needs a 'field' string")]
    [InlineData("""{"op":"removeField","field":3}""", "needs a 'field' string")]
    [InlineData("""{"op":"removeField","field":""}""", "non-empty")]
    [InlineData("""{"op":"removeField","field":"a\nb"}""", "control characters (found U+000A at 1)")]
    public void Field_names_are_non_empty_text_without_control_characters(string json, string expected) =>
        Refused(json, CrdtType.Map).ShouldContain(expected);

    [Fact]
    public void A_field_name_longer_than_256_characters_is_refused() =>
        Refused(JsonSerializer.Serialize(new { op = "removeField", field = new string('f', 257) }), CrdtType.Map)
            .ShouldBe("'field' is 257 characters long; the limit is 256.");

    [Theory]
    [InlineData("""[]""", "An operation is a JSON object")]
    [InlineData("""{"by":1}""", "needs an 'op' string")]
    [InlineData("""{"op":7}""", "needs an 'op' string")]
    [InlineData("""{"op":"increment","elements":["a"]}""", "'elements' is not a property of 'increment'; it takes 'by'")]
    [InlineData("""{"op":"increment","Op":"x"}""", "'Op' is not a property")]
    [InlineData("""{"op":"increment","op":"decrement"}""", "'op' appears twice")]
    public void Malformed_operations_are_refused_with_what_is_wrong(string json, string expected) =>
        Refused(json, CrdtType.PnCounter).ShouldContain(expected);

    [Fact]
    public void A_batch_is_an_array_of_operations_or_a_single_one()
    {
        CrdtOperationParser.TryParseBatch(Json("""[{"op":"increment"},{"op":"decrement","by":2}]"""), CrdtType.PnCounter, out var batch, out var error)
            .ShouldBeTrue(error);
        batch.ShouldBe([CrdtOperation.Increment(), CrdtOperation.Decrement(2)]);

        CrdtOperationParser.TryParseBatch(Json("""{"op":"add","elements":["a"]}"""), CrdtType.OrSet, out var single, out _).ShouldBeTrue();
        single.ShouldBe([CrdtOperation.Add("a")]);
    }

    [Theory]
    [InlineData("""[]""", "A batch holds 1 to 100 operations; this one holds 0.")]
    [InlineData("""5""", "A batch is a JSON array of operations, or one operation object; got a number.")]
    [InlineData("""[{"op":"increment"},{"op":"increment","by":0}]""", "Operation [1]: 'by' must be a positive whole number")]
    public void A_malformed_batch_is_refused_naming_the_operation_at_fault(string json, string expected)
    {
        CrdtOperationParser.TryParseBatch(Json(json), CrdtType.PnCounter, out var batch, out var error).ShouldBeFalse();
        batch.ShouldBeEmpty();
        error.ShouldStartWith(expected);
    }

    [Fact]
    public void A_map_batch_cannot_give_a_field_two_types_unless_it_removes_the_field_in_between()
    {
        const string clash = """
            [{"op":"update","field":"likes","operation":{"op":"increment"}},
             {"op":"update","field":"likes","operation":{"op":"add","elements":["x"]}}]
            """;
        CrdtOperationParser.TryParseBatch(Json(clash), CrdtType.Map, out _, out var error).ShouldBeFalse();
        error.ShouldBe("Operation [1]: field 'likes' has type PnCounter since operation [0]; 'add' needs type OrSet.");

        const string retyped = """
            [{"op":"update","field":"likes","operation":{"op":"increment"}},
             {"op":"removeField","field":"likes"},
             {"op":"update","field":"likes","operation":{"op":"add","elements":["x"]}}]
            """;
        CrdtOperationParser.TryParseBatch(Json(retyped), CrdtType.Map, out var batch, out error).ShouldBeTrue(error);
        batch.Length.ShouldBe(3);
    }

    [Fact]
    public void A_batch_of_more_than_100_operations_is_refused()
    {
        var json = "[" + string.Join(",", Enumerable.Repeat("""{"op":"increment"}""", 101)) + "]";
        CrdtOperationParser.TryParseBatch(Json(json), CrdtType.PnCounter, out _, out var error).ShouldBeFalse();
        error.ShouldContain("this one holds 101");
    }

    [Fact]
    public void Every_operation_reads_back_from_its_own_json()
    {
        (CrdtOperation Operation, CrdtType Type)[] operations =
        [
            (CrdtOperation.Increment(7), CrdtType.PnCounter),
            (CrdtOperation.Decrement(), CrdtType.PnCounter),
            (CrdtOperation.Add("x", "y"), CrdtType.OrSet),
            (CrdtOperation.Remove("y"), CrdtType.OrSet),
            (CrdtOperation.Assign("""{"a":[1,2]}"""), CrdtType.LwwRegister),
            (CrdtOperation.Assign("null"), CrdtType.MvRegister),
            (CrdtOperation.Update("title", CrdtOperation.Assign("\"t\"")), CrdtType.Map),
            (CrdtOperation.RemoveField("title"), CrdtType.Map),
        ];

        foreach (var (operation, type) in operations)
        {
            Parsed(operation.ToJson().ToJsonString(), type).ShouldBe(operation);
        }
    }
}
