using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;

namespace ParIndex.Web.Features.Plans;

/// <summary>
/// Binds every DateOnly and DateOnly? of every form and query through <see cref="DateInput"/>: a malformed or
/// out-of-range date leaves a Vietnamese error on its field (and the typed text, shown again), never a default date.
/// </summary>
public sealed class DateOnlyModelBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext context)
    {
        var value = context.ValueProvider.GetValue(context.ModelName);
        if (value == ValueProviderResult.None) return Task.CompletedTask;
        context.ModelState.SetModelValue(context.ModelName, value);
        var text = value.FirstValue;
        if (string.IsNullOrWhiteSpace(text))
        {
            if (Nullable.GetUnderlyingType(context.ModelType) is not null) context.Result = ModelBindingResult.Success(null);
            else context.ModelState.TryAddModelError(context.ModelName, "Vui lòng nhập ngày (dd/MM/yyyy).");
            return Task.CompletedTask;
        }
        if (DateInput.TryParse(text, out var date, out var error)) context.Result = ModelBindingResult.Success(date);
        else context.ModelState.TryAddModelError(context.ModelName, error!);
        return Task.CompletedTask;
    }
}

public sealed class DateOnlyModelBinderProvider : IModelBinderProvider
{
    private static readonly DateOnlyModelBinder Binder = new();

    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        context.Metadata.ModelType == typeof(DateOnly) || context.Metadata.ModelType == typeof(DateOnly?) ? Binder : null;
}

/// <summary>Form registration: the date binder and the Vietnamese wording of the framework's binding errors.</summary>
public static class FormsRegistration
{
    public static IServiceCollection AddForms(this IServiceCollection services)
    {
        services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o =>
        {
            o.ModelBinderProviders.Insert(0, new DateOnlyModelBinderProvider());
            var m = o.ModelBindingMessageProvider;
            m.SetAttemptedValueIsInvalidAccessor((v, _) => $"Giá trị \"{v}\" không hợp lệ.");
            m.SetNonPropertyAttemptedValueIsInvalidAccessor(v => $"Giá trị \"{v}\" không hợp lệ.");
            m.SetValueIsInvalidAccessor(v => $"Giá trị \"{v}\" không hợp lệ.");
            m.SetValueMustBeANumberAccessor(_ => "Giá trị phải là một số.");
            m.SetNonPropertyValueMustBeANumberAccessor(() => "Giá trị phải là một số.");
            m.SetUnknownValueIsInvalidAccessor(_ => "Giá trị không hợp lệ.");
            m.SetNonPropertyUnknownValueIsInvalidAccessor(() => "Giá trị không hợp lệ.");
            m.SetValueMustNotBeNullAccessor(_ => "Vui lòng nhập giá trị.");
            m.SetAttemptedValueIsInvalidAccessor((v, _) => $"Giá trị \"{v}\" không hợp lệ.");
            m.SetMissingBindRequiredValueAccessor(_ => "Thiếu giá trị bắt buộc.");
            m.SetMissingKeyOrValueAccessor(() => "Thiếu giá trị bắt buộc.");
            m.SetMissingRequestBodyRequiredValueAccessor(() => "Thiếu nội dung yêu cầu.");
        });
        return services;
    }
}
