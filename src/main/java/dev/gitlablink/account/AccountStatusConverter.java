package dev.gitlablink.account;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores {@link AccountStatus} as its stable lower_snake code rather than the Java constant name. */
@Converter
class AccountStatusConverter implements AttributeConverter<AccountStatus, String> {

    @Override
    public String convertToDatabaseColumn(AccountStatus status) {
        return status == null ? null : status.code();
    }

    @Override
    public AccountStatus convertToEntityAttribute(String code) {
        return code == null ? null : AccountStatus.fromCode(code);
    }
}
