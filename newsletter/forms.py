from django import forms


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label="Email",
        max_length=254,
        error_messages={
            "required": "Hãy ghi địa chỉ email.",
            "invalid": "Địa chỉ email không đúng, ví dụ: ban.doc@example.vn.",
        },
    )
    daily = forms.BooleanField(
        label="Bản tin sáng (mỗi ngày một thư)", required=False, initial=True
    )
    breaking = forms.BooleanField(label="Tin nóng (khi có tin quan trọng)", required=False)

    def clean(self):
        data = super().clean()
        if not data.get("daily") and not data.get("breaking"):
            raise forms.ValidationError(
                "Chọn ít nhất một loại thư: Bản tin sáng hoặc tin nóng.", code="nothing"
            )
        return data
