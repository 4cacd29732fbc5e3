//! [`Placeholder`]: replace a finding with a label such as `<ID_CARD>`.

use super::{Policy, PolicyError, Slot};
use crate::finding::Finding;

/// Writes `<KIND>` (the kind's name in capitals) in place of the value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Placeholder;

impl Policy for Placeholder {
    fn name(&self) -> &'static str {
        "placeholder"
    }

    fn apply(&self, f: &Finding, _original: &[u8], out: &mut Vec<u8>) -> Result<(), PolicyError> {
        out.push(b'<');
        out.extend(f.kind.as_str().bytes().map(|b| b.to_ascii_uppercase()));
        out.push(b'>');
        Ok(())
    }

    /// In a number slot a placeholder is `0`: a number any numeric column holds.
    fn apply_in(
        &self,
        f: &Finding,
        original: &[u8],
        slot: Slot,
        out: &mut Vec<u8>,
    ) -> Result<(), PolicyError> {
        zero_in_number(self, f, original, slot, out)
    }
}

/// A placeholder's replacement in `slot`: `0` in a number slot (a number any numeric column
/// holds, whatever the placeholder's text), else the policy's text.
fn zero_in_number(
    p: &dyn Policy,
    f: &Finding,
    original: &[u8],
    slot: Slot,
    out: &mut Vec<u8>,
) -> Result<(), PolicyError> {
    match slot {
        Slot::Number => out.push(b'0'),
        _ => p.apply(f, original, out)?,
    }
    Ok(())
}

/// Writes a template with the kind filled in: `{kind}` (`id_card`), `{KIND}` (`ID_CARD`) or
/// `{label}` (the Chinese label, `身份证号`). `[{label}]` gives `[身份证号]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    template: String,
}

impl Template {
    /// A template policy.
    ///
    /// # Errors
    ///
    /// When the template has an unknown `{…}` field.
    pub fn new(template: &str) -> Result<Template, PolicyError> {
        let mut rest = template;
        while let Some(i) = rest.find('{') {
            let tail = &rest[i..];
            let field = ["{kind}", "{KIND}", "{label}"].into_iter().find(|f| tail.starts_with(f));
            match field {
                Some(f) => rest = &tail[f.len()..],
                None => {
                    return Err(PolicyError(
                        "a placeholder template may use only {kind}, {KIND} and {label}".into(),
                    ))
                }
            }
        }
        Ok(Template { template: template.to_string() })
    }

    /// The text for `kind`.
    pub fn render(&self, kind: crate::Kind) -> String {
        self.template
            .replace("{kind}", kind.as_str())
            .replace("{KIND}", &kind.as_str().to_ascii_uppercase())
            .replace("{label}", label(kind))
    }
}

/// The Chinese label of a kind.
pub fn label(kind: crate::Kind) -> &'static str {
    use crate::Kind::*;
    match kind {
        IdCard => "身份证号",
        Phone => "电话号码",
        BankCard => "银行卡号",
        Address => "地址",
        Name => "姓名",
        Email => "邮箱",
        Ip => "IP地址",
        Passport => "证件号",
        Plate => "车牌号",
        Uscc => "统一社会信用代码",
    }
}

impl Policy for Template {
    fn name(&self) -> &'static str {
        "placeholder"
    }

    fn apply(&self, f: &Finding, _original: &[u8], out: &mut Vec<u8>) -> Result<(), PolicyError> {
        out.extend_from_slice(self.render(f.kind).as_bytes());
        Ok(())
    }

    /// In a number slot a placeholder is `0`, as [`Placeholder`]'s.
    fn apply_in(
        &self,
        f: &Finding,
        original: &[u8],
        slot: Slot,
        out: &mut Vec<u8>,
    ) -> Result<(), PolicyError> {
        zero_in_number(self, f, original, slot, out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Kind;

    #[test]
    fn templates() {
        assert_eq!(Template::new("[{kind}]").unwrap().render(Kind::IdCard), "[id_card]");
        assert_eq!(Template::new("[{label}]").unwrap().render(Kind::IdCard), "[身份证号]");
        assert_eq!(Template::new("<{KIND}>").unwrap().render(Kind::BankCard), "<BANK_CARD>");
        assert!(Template::new("{value}").is_err());
    }
}
